package io.earshot.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.quarkus.panache.common.Parameters;

/**
 * Where a page of the queue ends, as an opaque cursor: the last conversation's activity time and id.
 * Keyset paging stays stable while new conversations arrive.
 */
public record QueuePosition(Instant lastActivityAt, long id) {

    public static QueuePosition after(Conversation c) {
        return new QueuePosition(c.lastActivityAt, c.id);
    }

    /**
     * Adds "after this position in newest-activity-first order" to an HQL condition on Conversation.
     * A row comparison, which PostgreSQL takes as the index condition and so starts the page at the
     * cursor; written as {@code at < x or (at = x and id < y)} it walked the index from the top and
     * filtered out every row before the cursor (measured: 96 ms instead of 0.1 ms at row 80,000).
     */
    void restrict(StringBuilder where, Parameters params) {
        where.append(" and (lastActivityAt, id) < (:at, :id)");
        params.and("at", lastActivityAt).and("id", id);
    }

    public String encode() {
        String plain = lastActivityAt.getEpochSecond() + "." + lastActivityAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor made by {@link #encode()}; throws {@link IllegalArgumentException} for anything else. */
    public static QueuePosition decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = plain.split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("malformed cursor");
            }
            return new QueuePosition(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not one this server made", e);
        }
    }
}
