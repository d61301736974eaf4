package io.earshot.conversation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.postgresql.PGConnection;

/**
 * Many rows of one table in as few statements as the database allows, in the caller's transaction.
 * On PostgreSQL plain inserts go in with one {@code COPY ... FROM STDIN}, and inserts with an
 * {@code on conflict} clause travel as one array per column in one
 * {@code insert ... select * from unnest(...)}: a JDBC batch of single-row inserts costs the server
 * a statement per row, and at a few rows per stored post that was most of ingest's store stage
 * (measured: 1.4 million single-row statements for 200,000 posts, every one matching). COPY also
 * spares both sides the array literals: the driver escaped each text value character by character
 * into one, and the server parsed it back, and the message rows carry each post's whole JSON.
 * Elsewhere (H2) it is a plain JDBC batch.
 *
 * <p>Values are added a row at a time in column order; {@code null} is allowed in any column the
 * table allows it.
 */
public final class BulkInsert {

    /** The SQL types a column can have here, with their PostgreSQL array element type. */
    public enum Type {
        BIGINT("int8"), INTEGER("int4"), TEXT("varchar"),
        /** An {@link Instant}; sent as ISO-8601 text and cast, since JDBC has no portable array of instants. */
        TIMESTAMP("varchar");

        private final String elementType;

        Type(String elementType) {
            this.elementType = elementType;
        }
    }

    /** A column of the table, named as in the schema. */
    public record Column(String name, Type type) {

        public static Column bigint(String name) {
            return new Column(name, Type.BIGINT);
        }

        public static Column integer(String name) {
            return new Column(name, Type.INTEGER);
        }

        public static Column text(String name) {
            return new Column(name, Type.TEXT);
        }

        public static Column timestamp(String name) {
            return new Column(name, Type.TIMESTAMP);
        }
    }

    private final String table;
    private final List<Column> columns;
    private final String onConflict;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param onConflict PostgreSQL's {@code on conflict ...} clause for the rows, or null; the
     *        plain-batch path ignores it, so a caller that needs it on H2 writes another way
     */
    public BulkInsert(String table, List<Column> columns, String onConflict) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.onConflict = onConflict;
    }

    public BulkInsert(String table, List<Column> columns) {
        this(table, columns, null);
    }

    /** Queues a row: one value per column, in column order. */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table + " takes " + columns.size() + " values a row, not " + values.length);
        }
        rows.add(values);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Writes every queued row and forgets them. */
    public void execute(Connection connection) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (isPostgres(connection)) {
            if (onConflict == null) {
                executeAsCopy(connection);
            } else {
                executeAsArrays(connection);
            }
        } else {
            executeAsBatch(connection);
        }
        rows.clear();
    }

    /** Whether the connection is to PostgreSQL. */
    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    private void executeAsArrays(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (").append(names())
                .append(") select * from unnest(");
        for (int c = 0; c < columns.size(); c++) {
            Type type = columns.get(c).type();
            sql.append(c == 0 ? "" : ", ").append(type == Type.TIMESTAMP ? "?::varchar[]::timestamptz[]" : "?");
        }
        sql.append(")");
        if (onConflict != null) {
            sql.append(' ').append(onConflict);
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (int c = 0; c < columns.size(); c++) {
                Object[] values = new Object[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    Object value = rows.get(r)[c];
                    values[r] = value instanceof Instant instant ? instant.toString() : value;
                }
                insert.setArray(c + 1, connection.createArrayOf(columns.get(c).type().elementType, values));
            }
            insert.executeUpdate();
        }
    }

    /**
     * The rows in COPY's text format: a tab between values, a line per row, {@code \N} for null. They
     * go to the driver as UTF-8 bytes (its connections always use UTF-8), encoded whole: its {@code
     * Reader} variant encodes 65,536 characters at a time and broke an emoji that straddled two.
     */
    private void executeAsCopy(Connection connection) throws SQLException {
        StringBuilder data = new StringBuilder(rows.size() * 64 * columns.size());
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    data.append('\t');
                }
                appendCopyValue(data, row[c]);
            }
            data.append('\n');
        }
        String sql = "copy " + table + " (" + names() + ") from stdin";
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql,
                    new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("could not copy rows into " + table, e);
        }
    }

    /**
     * A value as COPY's text format reads it: {@code \N} for null, and backslash, tab, newline and
     * carriage return escaped; everything else as it is. An {@link Instant} is ISO-8601 text, which
     * PostgreSQL reads as a {@code timestamptz}.
     */
    private static void appendCopyValue(StringBuilder data, Object value) {
        if (value == null) {
            data.append("\\N");
            return;
        }
        String text = value.toString();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            String escaped = switch (text.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                data.append(text, from, i).append(escaped);
                from = i + 1;
            }
        }
        data.append(text, from, text.length());
    }

    private void executeAsBatch(Connection connection) throws SQLException {
        String sql = "insert into " + table + " (" + names() + ") values (" + "?, ".repeat(columns.size() - 1) + "?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int c = 0; c < columns.size(); c++) {
                    Object value = row[c];
                    if (value == null) {
                        insert.setNull(c + 1, sqlType(columns.get(c).type()));
                    } else {
                        insert.setObject(c + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static int sqlType(Type type) {
        return switch (type) {
            case BIGINT -> Types.BIGINT;
            case INTEGER -> Types.INTEGER;
            case TEXT -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
        };
    }

    private String names() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }
}
