package io.earshot.testing;

import java.math.BigInteger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reads one number from the app's database in a test: a count or a sum, whatever type the driver answers in. */
public final class SqlNumber {

    private SqlNumber() {
    }

    /** The single value {@code sql} selects, with {@code parameters} bound to {@code ?1}, {@code ?2}, ... */
    public static long of(EntityManager em, String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            Object value = query.getSingleResult();
            return value instanceof BigInteger big ? big.longValue() : ((Number) value).longValue();
        });
    }
}
