package io.earshot.trends;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Plain JDBC on the rollup tables, in the caller's transaction: one batched upsert statement per
 * grain for a whole {@link RollupDelta}, range reads, and emptying for a rebuild. PostgreSQL adds
 * with {@code insert ... on conflict do update}; H2 with the standard {@code merge}.
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
                Map<RollupDelta.Cell, Long> cells = delta.at(grain);
                if (cells.isEmpty()) {
                    continue;
                }
                try (PreparedStatement upsert = connection.prepareStatement(upsertSql(grain.table, postgres))) {
                    for (Map.Entry<RollupDelta.Cell, Long> cell : cells.entrySet()) {
                        upsert.setString(1, cell.getKey().series());
                        upsert.setObject(2, utc(cell.getKey().bucketStart()));
                        upsert.setLong(3, cell.getValue());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
        });
    }

    private static String upsertSql(String table, boolean postgres) {
        if (postgres) {
            return "insert into " + table + " (series, bucket_start, n) values (?, ?, ?)"
                    + " on conflict (series, bucket_start) do update set n = " + table + ".n + excluded.n";
        }
        return "merge into " + table + " t using (values (cast(? as varchar(200)),"
                + " cast(? as timestamp with time zone), cast(? as bigint))) s (series, bucket_start, n)"
                + " on t.series = s.series and t.bucket_start = s.bucket_start"
                + " when matched then update set n = t.n + s.n"
                + " when not matched then insert (series, bucket_start, n) values (s.series, s.bucket_start, s.n)";
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
