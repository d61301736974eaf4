package io.earshot.reply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The relay's position, as kept in the offset metadata of its consumer group: the outbox rows of the last
 * Kafka transaction it committed, {@code v1:12.1a2b3c4d,13.99ffee00}. Each row is its id plus a check taken
 * from its reply's random external id, so a position read against a database that was reset or restored
 * (where id 12 may be another, unpublished row) marks nothing by mistake.
 *
 * <p>Rows and not a high-water mark, because sequence ids come in blocks per instance and transactions
 * commit out of id order: a row with a lower id can become visible after a higher one was published.
 */
final class RelayPosition {

    /** Kafka's default {@code offset.metadata.max.bytes} is 4096; 100 rows of at most 28 characters fit. */
    static final int MAX_ROWS = 100;
    private static final String PREFIX = "v1:";

    /** One published outbox row. */
    record Row(long outboxId, String check) {

        Row {
            if (!check.matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("a check is 8 hex digits: " + check);
            }
        }
    }

    private RelayPosition() {
    }

    /** The check of a reply's external id ({@code earshot-<uuid>}): the uuid's first 8 hex digits. */
    static String check(String externalId) {
        return externalId.substring(Reply.ID_PREFIX.length(), Reply.ID_PREFIX.length() + 8);
    }

    static String encode(Collection<Row> rows) {
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " rows fit the offset metadata");
        }
        return PREFIX + rows.stream().map(r -> r.outboxId() + "." + r.check()).collect(Collectors.joining(","));
    }

    /** The rows in {@code metadata}; none for empty or foreign metadata. */
    static List<Row> decode(String metadata) {
        List<Row> rows = new ArrayList<>();
        if (metadata == null || !metadata.startsWith(PREFIX) || metadata.length() == PREFIX.length()) {
            return rows;
        }
        for (String row : metadata.substring(PREFIX.length()).split(",")) {
            int dot = row.indexOf('.');
            rows.add(new Row(Long.parseLong(row.substring(0, dot)), row.substring(dot + 1)));
        }
        return rows;
    }
}
