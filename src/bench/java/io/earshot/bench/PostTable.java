package io.earshot.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import io.earshot.post.Post;

/**
 * A plain PostgreSQL table of posts, shaped like Earshot's message rows, filled the fastest ways
 * PostgreSQL offers: {@code COPY} through PgJDBC's {@link CopyManager}, and JDBC batch inserts.
 */
final class PostTable {

    private static final String COLUMNS = "id, platform, external_id, author, text, created_at, in_reply_to, lang, raw";

    private PostTable() {
    }

    static void create(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, platform varchar(32) NOT NULL,"
                    + " external_id varchar(256) NOT NULL, author varchar(100) NOT NULL, text text NOT NULL,"
                    + " created_at timestamptz NOT NULL, in_reply_to varchar(256), lang varchar(16), raw text,"
                    + " UNIQUE (platform, external_id))");
        }
    }

    /** Copies the posts in one {@code COPY ... FROM STDIN}, committed; returns the rows copied. */
    static long copy(Connection c, String table, List<Post> posts) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        CopyIn copy = new CopyManager(c.unwrap(BaseConnection.class))
                .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN");
        StringBuilder rows = new StringBuilder(1 << 20);
        long id = 0;
        for (Post post : posts) {
            rows.append(++id).append('\t').append(post.platform()).append('\t').append(post.externalId()).append('\t');
            escape(rows, post.author().handle()).append('\t');
            escape(rows, post.text()).append('\t').append(post.createdAt()).append('\t');
            (post.inReplyTo() == null ? rows.append("\\N") : rows.append(post.inReplyTo())).append('\t');
            (post.lang() == null ? rows.append("\\N") : rows.append(post.lang())).append('\t');
            escape(rows, post.raw()).append('\n');
            if (rows.length() > 1 << 20) {
                write(copy, rows);
            }
        }
        write(copy, rows);
        long copied = copy.endCopy();
        c.commit();
        c.setAutoCommit(auto);
        return copied;
    }

    /** Inserts the posts with JDBC batches of {@code batch} rows, one commit per batch. */
    static void batchInsert(Connection c, String table, List<Post> posts, int batch) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = 0;
            for (Post post : posts) {
                insert.setLong(1, ++id);
                insert.setString(2, post.platform());
                insert.setString(3, post.externalId());
                insert.setString(4, post.author().handle());
                insert.setString(5, post.text());
                insert.setTimestamp(6, Timestamp.from(post.createdAt()));
                insert.setString(7, post.inReplyTo());
                insert.setString(8, post.lang());
                insert.setString(9, post.raw());
                insert.addBatch();
                if (id % batch == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        c.setAutoCommit(auto);
    }

    static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped. */
    static StringBuilder escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }
}
