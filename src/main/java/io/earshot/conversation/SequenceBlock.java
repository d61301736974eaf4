package io.earshot.conversation;

import java.sql.ResultSet;
import java.sql.Statement;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Ids from a database sequence for rows written with plain JDBC, one block of {@link #BLOCK} per
 * sequence call. A sequence value v stands for the ids v to v + 49, the way Hibernate's
 * {@code pooled-lo} optimizer reads it (configured in {@code application.properties}), so rows
 * written here and entities persisted by Hibernate never share an id.
 */
final class SequenceBlock {

    /** The increment of every sequence in the schema. */
    static final int BLOCK = 50;

    private final Session session;
    private final String nextBlockSql;
    private long next;
    private long end;

    SequenceBlock(Session session, String sequence) {
        this.session = session;
        this.nextBlockSql = ((SessionFactoryImplementor) session.getSessionFactory()).getJdbcServices().getDialect()
                .getSequenceSupport().getSequenceNextValString(sequence);
    }

    long nextId() {
        if (next == end) {
            next = session.doReturningWork(connection -> {
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(nextBlockSql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            end = next + BLOCK;
        }
        return next++;
    }
}
