package io.earshot.trends;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.earshot.conversation.BulkInsert;

/**
 * Plain JDBC on the rollup tables, in the caller's transaction: batched writes of a whole
 * {@link RollupDelta} (never a statement per post), reads of many series and many ranges of one
 * grain in one statement, and emptying for a rebuild.
 * Words' day counts ({@code term:} series) live in {@value #TERM_DAY_TABLE}, every other series in
 * its grain's table ({@link #table}).
 * PostgreSQL adds with one {@code insert ... on conflict do update} statement per table
 * ({@link BulkInsert}), safe with several instances; H2 with an update batch and an insert batch
 * for the cells no row took.
 */
final class RollupTables {

    private static final List<BulkInsert.Column> COLUMNS = List.of(BulkInsert.Column.text("series"),
            BulkInsert.Column.timestamp("bucket_start"), BulkInsert.Column.bigint("n"));

    /**
     * Words' day rows: nearly all rollup rows, and the bulk of every batch's rollup writes. Kept
     * apart so that {@code trend_day} stays small and dense for the reads that sum a whole kind
     * (top hashtags), and so that no index on those reads makes the words' updates costlier (V7).
     */
    static final String TERM_DAY_TABLE = "trend_term_day";

    private static final Comparator<Map.Entry<RollupDelta.Cell, Long>> CELL_ORDER = Comparator
            .comparing((Map.Entry<RollupDelta.Cell, Long> cell) -> cell.getKey().series())
            .thenComparingLong(cell -> cell.getKey().bucketStart());

    private final Session session;

    /** The table that holds {@code series} at {@code grain}. */
    static String table(RollupGrain grain, String series) {
        return grain == RollupGrain.DAY && isTerm(series) ? TERM_DAY_TABLE : grain.table;
    }

    /** Whether {@code series} is counted at {@code grain}: words per UTC day only, rules and hashtags at every grain. */
    static boolean keeps(RollupGrain grain, String series) {
        return grain == RollupGrain.DAY || !isTerm(series);
    }

    /** The coarsest grain {@code series} is counted at ({@link #keeps}). */
    static RollupGrain coarsest(String series) {
        RollupGrain[] grains = RollupGrain.values();
        int i = grains.length - 1;
        while (i > 0 && !keeps(grains[i], series)) {
            i--;
        }
        return grains[i];
    }

    /** Whether the rollups hold {@code series} in every bucket {@code [bounds[i], bounds[i + 1])}. */
    static boolean answers(String series, long[] bounds) {
        return RollupSpan.cover(bounds, coarsest(series)).stream().allMatch(span -> keeps(span.grain(), series));
    }

    private static boolean isTerm(String series) {
        return series.startsWith(SeriesKey.Kind.TERM.seriesPrefix());
    }

    private static List<String> tables(RollupGrain grain) {
        return grain == RollupGrain.DAY ? List.of(grain.table, TERM_DAY_TABLE) : List.of(grain.table);
    }

    RollupTables(EntityManager em) {
        this.session = em.unwrap(Session.class);
    }

    /** Adds the delta's counts to the stored ones. */
    void add(RollupDelta delta) {
        if (delta.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            boolean postgres = BulkInsert.isPostgres(connection);
            for (RollupGrain grain : RollupGrain.values()) {
                Map<String, List<Map.Entry<RollupDelta.Cell, Long>>> byTable = new HashMap<>();
                for (Map.Entry<RollupDelta.Cell, Long> cell : delta.at(grain).entrySet()) {
                    byTable.computeIfAbsent(table(grain, cell.getKey().series()), t -> new ArrayList<>()).add(cell);
                }
                for (Map.Entry<String, List<Map.Entry<RollupDelta.Cell, Long>>> entry : byTable.entrySet()) {
                    String table = entry.getKey();
                    // One order for every writer: two instances' folds updating the same rows in
                    // different orders could deadlock each other.
                    entry.getValue().sort(CELL_ORDER);
                    if (postgres) {
                        BulkInsert upsert = new BulkInsert(table, COLUMNS, "on conflict (series, bucket_start)"
                                + " do update set n = " + table + ".n + excluded.n");
                        entry.getValue().forEach(cell -> upsert.add(cell.getKey().series(),
                                Instant.ofEpochMilli(cell.getKey().bucketStart()), cell.getValue()));
                        upsert.execute(connection);
                    } else {
                        addOnH2(connection, table, entry.getValue());
                    }
                }
            }
        });
    }

    /**
     * H2 (one process, batches one at a time) adds by updating every cell and inserting those no
     * row took: H2's {@code merge ... using} looked rows up so slowly that a 100k-post import took
     * minutes instead of seconds.
     */
    private static void addOnH2(Connection connection, String table, List<Map.Entry<RollupDelta.Cell, Long>> cells)
            throws SQLException {
        int[] updated = write(connection, "update " + table + " set n = n + ? where series = ? and bucket_start = ?",
                cells, true);
        List<Map.Entry<RollupDelta.Cell, Long>> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(cells.get(i));
            }
        }
        if (!missing.isEmpty()) {
            write(connection, "insert into " + table + " (series, bucket_start, n) values (?, ?, ?)", missing, false);
        }
    }

    /** One JDBC batch over the cells; {@code countFirst} binds n before the key. */
    private static int[] write(Connection connection, String sql, List<Map.Entry<RollupDelta.Cell, Long>> cells,
            boolean countFirst) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int key = countFirst ? 2 : 1;
            for (Map.Entry<RollupDelta.Cell, Long> cell : cells) {
                statement.setString(key, cell.getKey().series());
                statement.setObject(key + 1, utc(cell.getKey().bucketStart()));
                statement.setLong(countFirst ? 1 : 3, cell.getValue());
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /** The rows whose bucket starts in {@code [from, to)}. */
    record Part(long from, long to) {
    }

    /** Receives one rollup row. */
    @FunctionalInterface
    interface RowSink {
        void row(String series, long bucketStart, long n);
    }

    /**
     * Parts further apart than this many buckets are read by separate selects (joined by
     * {@code union all}, still one statement), so the rows between them are not scanned.
     */
    private static final int MAX_GAP_BUCKETS = 64;

    /** Every row of the named series in the parts of one grain, in one statement. */
    void rows(RollupGrain grain, Collection<String> series, List<Part> parts, RowSink sink) {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (String name : series) {
            byTable.computeIfAbsent(table(grain, name), t -> new ArrayList<>()).add(name);
        }
        Sql sql = new Sql();
        for (Map.Entry<String, List<String>> table : byTable.entrySet()) {
            for (List<Part> cluster : clusters(grain, parts)) {
                sql.unionAll().append("select series, bucket_start, n from " + table.getKey());
                sql.append(" where series = any(?)").param(table.getValue().toArray(String[]::new));
                within(sql, cluster);
            }
        }
        run(sql, rows -> sink.row(rows.getString(1), millis(rows, 2), rows.getLong(3)));
    }

    /**
     * The {@code limit} series of a kind ({@code hashtag}) with the highest sums over the parts
     * ({@code parts.get(grain)}), with those sums; series tied at the limit come too, for the
     * caller to order. One statement over every table that has parts: the database sums and
     * ranks, and hands back a few rows instead of one per series of the kind. Each part is found
     * through its table's {@code bucket_start} index (V8), so the minutes at a period's edge read
     * those minutes' rows, not the kind's whole history.
     */
    Map<String, Long> top(String kind, Map<RollupGrain, List<Part>> parts, int limit) {
        return sums(kind, parts, sql -> ofKind(sql, kind), " order by 2 desc fetch first " + limit + " rows with ties");
    }

    /** The sums of the named series of a kind over the parts, in one statement; a series with no rows is left out. */
    Map<String, Long> sums(String kind, Collection<String> series, Map<RollupGrain, List<Part>> parts) {
        if (series.isEmpty()) {
            return Map.of();
        }
        return sums(kind, parts, sql -> sql.append("series = any(?)").param(series.toArray(String[]::new)), "");
    }

    private Map<String, Long> sums(String kind, Map<RollupGrain, List<Part>> parts, Consumer<Sql> series, String rank) {
        Sql sql = new Sql().append("select series, cast(sum(n) as bigint) from (");
        boolean first = true;
        for (Map.Entry<RollupGrain, List<Part>> grain : parts.entrySet()) {
            if (grain.getValue().isEmpty()) {
                continue;
            }
            sql.append(first ? "" : " union all ").append("select series, n from " + table(grain.getKey(), kind + ":")
                    + " where ");
            first = false;
            series.accept(sql);
            sql.append(" and ");
            anyOf(sql, grain.getValue());
        }
        Map<String, Long> sums = new HashMap<>();
        if (first) {
            return sums;
        }
        sql.append(") counted group by series").append(rank);
        run(sql, rows -> sums.put(rows.getString(1), rows.getLong(2)));
        return sums;
    }

    /** The parts in time order, in runs whose gaps are at most {@link #MAX_GAP_BUCKETS} buckets. */
    private static List<List<Part>> clusters(RollupGrain grain, List<Part> parts) {
        List<Part> sorted = parts.stream().filter(p -> p.from() < p.to()).sorted(Comparator.comparingLong(Part::from))
                .toList();
        List<List<Part>> clusters = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (Part part : sorted) {
            if (clusters.isEmpty() || part.from() - end > MAX_GAP_BUCKETS * grain.millis) {
                clusters.add(new ArrayList<>());
            }
            clusters.get(clusters.size() - 1).add(part);
            end = Math.max(end, part.to());
        }
        return clusters;
    }

    /**
     * Every series of a kind as a range of names, {@code hashtag <= series < hashtah}: every
     * {@code hashtag:...} in any collation that orders letters before what follows them. No other
     * kind starts with those letters, so the range holds no other series; a
     * {@code like 'hashtag:%'} instead made PostgreSQL expect 1% of the rows and sort them.
     */
    private static void ofKind(Sql sql, String kind) {
        String after = kind.substring(0, kind.length() - 1) + (char) (kind.charAt(kind.length() - 1) + 1);
        sql.append("series >= ").literal(kind).append(" and series < ").literal(after);
    }

    /** The cluster's range as an index condition, then the parts themselves when they leave gaps. */
    private static void within(Sql sql, List<Part> cluster) {
        long from = cluster.stream().mapToLong(Part::from).min().orElseThrow();
        long to = cluster.stream().mapToLong(Part::to).max().orElseThrow();
        sql.append(" and bucket_start >= ").time(from).append(" and bucket_start < ").time(to);
        if (!gapless(cluster)) {
            sql.append(" and ");
            anyOf(sql, cluster);
        }
    }

    /** Whether the parts (in time order) leave no gap, so the cluster's range alone selects them. */
    private static boolean gapless(List<Part> cluster) {
        long end = cluster.get(0).to();
        for (Part part : cluster) {
            if (part.from() > end) {
                return false;
            }
            end = Math.max(end, part.to());
        }
        return true;
    }

    /** {@code (bucket_start in one of the parts)}; false for no parts. */
    private static void anyOf(Sql sql, List<Part> parts) {
        if (parts.isEmpty()) {
            sql.append("1 = 0");
            return;
        }
        sql.append("(");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("(bucket_start >= ").time(parts.get(i).from())
                    .append(" and bucket_start < ").time(parts.get(i).to()).append(")");
        }
        sql.append(")");
    }

    /** Reads every row of the statement; nothing when it is empty. */
    private void run(Sql sql, RowReader reader) {
        if (sql.text.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.text.toString())) {
                for (int i = 0; i < sql.params.size(); i++) {
                    Object param = sql.params.get(i);
                    select.setObject(i + 1, param instanceof String[] names ? connection.createArrayOf("varchar", names)
                            : param);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        });
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    /**
     * A statement being written, with its parameters in order. Times and kinds (values of the
     * code, not of posts) are written as literals: PostgreSQL plans a statement prepared with
     * parameters once for all values after five runs, and that plan expected 10 hashtag rows
     * instead of 7,800 and sorted them (20 ms instead of 6 ms at 300k posts). Series names stay
     * parameters.
     */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Sql append(String part) {
            text.append(part);
            return this;
        }

        Sql param(Object value) {
            params.add(value);
            return this;
        }

        Sql literal(String value) {
            return append("'" + value.replace("'", "''") + "'");
        }

        Sql time(long epochMillis) {
            return append("timestamp with time zone '" + LITERAL_TIME.format(utc(epochMillis)) + "'");
        }

        Sql unionAll() {
            return append(text.isEmpty() ? "" : " union all ");
        }
    }

    private static final DateTimeFormatter LITERAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");

    private static long millis(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }

    /** The start of the newest minute holding this series, or null. */
    Instant newest(String series) {
        Instant[] newest = new Instant[1];
        session.doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select max(bucket_start) from trend_minute where series = ?")) {
                select.setString(1, series);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next() && rows.getObject(1) != null) {
                        newest[0] = rows.getObject(1, OffsetDateTime.class).toInstant();
                    }
                }
            }
        });
        return newest[0];
    }

    /** Deletes every rollup row (a rebuild starts from nothing). */
    void clear() {
        session.doWork(connection -> {
            try (Statement delete = connection.createStatement()) {
                for (RollupGrain grain : RollupGrain.values()) {
                    for (String table : tables(grain)) {
                        delete.executeUpdate("delete from " + table);
                    }
                }
            }
        });
    }

    private static OffsetDateTime utc(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }
}
