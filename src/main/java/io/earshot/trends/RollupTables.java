package io.earshot.trends;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Plain JDBC on the rollup tables, in the caller's transaction: batched writes of a whole
 * {@link RollupDelta} (never a statement per post), range reads, and emptying for a rebuild.
 * PostgreSQL adds with one {@code insert ... on conflict do update} batch per grain, safe with
 * several instances; H2 with an update batch and an insert batch for the cells no row took.
 */
final class RollupTables {

    private final Session session;

    RollupTables(EntityManager em) {
        this.session = em.unwrap(Session.class);
    }

    /** Adds the delta's counts to the stored ones. */
    void add(RollupDelta delta) {
        if (delta.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            for (RollupGrain grain : RollupGrain.values()) {
                List<Map.Entry<RollupDelta.Cell, Long>> cells = new ArrayList<>(delta.at(grain).entrySet());
                if (cells.isEmpty()) {
                    continue;
                }
                if (postgres) {
                    write(connection, "insert into " + grain.table + " (series, bucket_start, n) values (?, ?, ?)"
                            + " on conflict (series, bucket_start) do update set n = " + grain.table + ".n + excluded.n",
                            cells, false);
                } else {
                    addOnH2(connection, grain.table, cells);
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

    /**
     * The counts of one series summed into the buckets {@code [bounds[i], bounds[i + 1])}; every
     * bound must fall on the grain.
     */
    long[] read(String series, RollupGrain grain, long[] bounds) {
        long[] counts = new long[Math.max(0, bounds.length - 1)];
        if (counts.length == 0) {
            return counts;
        }
        session.doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select bucket_start, n from " + grain.table
                    + " where series = ? and bucket_start >= ? and bucket_start < ?")) {
                select.setString(1, series);
                select.setObject(2, utc(bounds[0]));
                select.setObject(3, utc(bounds[bounds.length - 1]));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long start = rows.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
                        int at = Arrays.binarySearch(bounds, start);
                        int bucket = at >= 0 ? at : -at - 2;
                        counts[bucket] += rows.getLong(2);
                    }
                }
            }
        });
        return counts;
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
                    delete.executeUpdate("delete from " + grain.table);
                }
            }
        });
    }

    private static OffsetDateTime utc(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }
}
