package io.earshot.conversation;

import org.hibernate.FlushMode;
import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Pages load entities only to render them. Marking the transaction's session read-only spares
 * Hibernate the snapshot of every loaded row, the dirty check of each at commit and the flush, which
 * the queue page paid for 50 conversations, their first posts and rules on every request.
 */
final class ReadOnlyReads {

    private ReadOnlyReads() {
    }

    /** For the rest of the current transaction: entities loaded are read-only and nothing is flushed. */
    static void apply() {
        Session session = Panache.getSession();
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }
}
