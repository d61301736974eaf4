package io.earshot.trends;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.earshot.conversation.BulkInsert;

/**
 * Plain JDBC on {@code trend_pending}, in the caller's transaction. Claiming a row deletes it and
 * answers only the rows this transaction deleted: PostgreSQL with {@code delete ... returning} (a row
 * another transaction deleted first is not returned), H2 with one delete per id and its update count.
 */
final class PendingTable {

    private static final List<BulkInsert.Column> COLUMNS = List.of(BulkInsert.Column.bigint("message_id"));

    private final Session session;

    PendingTable(EntityManager em) {
        this.session = em.unwrap(Session.class);
    }

    /** Records these messages as not yet counted (COPY on PostgreSQL). */
    void add(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            BulkInsert insert = new BulkInsert("trend_pending", COLUMNS);
            messageIds.forEach(insert::add);
            insert.execute(connection);
        });
    }

    /** Deletes the rows of these messages; answers the ids whose row this transaction deleted. */
    Set<Long> claim(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return session.doReturningWork(connection -> {
            if (BulkInsert.isPostgres(connection)) {
                return returned(connection, "delete from trend_pending where message_id = any(?) returning message_id",
                        connection.createArrayOf("bigint", messageIds.toArray()));
            }
            return deleteEach(connection, messageIds);
        });
    }

    /** Deletes up to {@code limit} rows with ids up to {@code upTo}, oldest first; answers the ids it deleted. */
    Set<Long> claimOldest(int limit, long upTo) {
        return session.doReturningWork(connection -> {
            if (BulkInsert.isPostgres(connection)) {
                // skip locked: rows another instance is claiming right now are that instance's to count.
                return returned(connection, "delete from trend_pending where message_id in (select message_id"
                        + " from trend_pending where message_id <= " + upTo + " order by message_id limit " + limit
                        + " for update skip locked) returning message_id", null);
            }
            return deleteEach(connection, oldest(connection, limit, upTo));
        });
    }

    /** The ids of up to {@code limit} rows, oldest first, without claiming them. */
    Set<Long> oldest(int limit) {
        return session.doReturningWork(connection -> new HashSet<>(oldest(connection, limit, Long.MAX_VALUE)));
    }

    /** The newest pending id, or null when nothing is pending. */
    Long newest() {
        return session.doReturningWork(connection -> {
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("select max(message_id) from trend_pending")) {
                rows.next();
                long newest = rows.getLong(1);
                return rows.wasNull() ? null : newest;
            }
        });
    }

    private static List<Long> oldest(Connection connection, int limit, long upTo) throws SQLException {
        List<Long> oldest = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select message_id from trend_pending where message_id <= " + upTo
                        + " order by message_id fetch first " + limit + " rows only")) {
            while (rows.next()) {
                oldest.add(rows.getLong(1));
            }
        }
        return oldest;
    }

    /** Deletes every row (a recount of every message is about to start). */
    void clear() {
        session.doWork(connection -> {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("delete from trend_pending");
            }
        });
    }

    private static Set<Long> returned(Connection connection, String sql, Object param) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            if (param != null) {
                delete.setObject(1, param);
            }
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Set<Long> deleteEach(Connection connection, Collection<Long> messageIds) throws SQLException {
        Set<Long> deleted = new HashSet<>();
        if (messageIds.isEmpty()) {
            return deleted;
        }
        List<Long> ids = new ArrayList<>(messageIds);
        try (PreparedStatement delete = connection.prepareStatement("delete from trend_pending where message_id = ?")) {
            for (Long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            int[] counts = delete.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    deleted.add(ids.get(i));
                }
            }
        }
        return deleted;
    }
}
