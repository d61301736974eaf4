package io.earshot.conversation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.earshot.web.ApiException;
import io.quarkus.panache.common.Parameters;

/**
 * A time window on the queue, {@code [from, to)}: only conversations with activity in it, meaning a
 * stored post (a message) created in the window. Either end may be open (null), not both.
 *
 * @param from first instant in the window, or null for no lower bound
 * @param to first instant after the window, or null for no upper bound
 */
public record ActivityWindow(Instant from, Instant to) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    public ActivityWindow {
        if (from == null && to == null) {
            throw new IllegalArgumentException("a window needs from or to");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("invalid parameter", "from must be before to");
        }
    }

    /**
     * Reads the window from the {@code from} and {@code to} query parameters: an instant
     * ({@code 2026-03-03T00:00:00Z}), an offset date-time, or a local date or date-time read in UTC.
     * Answers null when both are blank.
     */
    public static ActivityWindow of(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        return start == null && end == null ? null : new ActivityWindow(start, end);
    }

    /**
     * Adds the window's condition on a {@code Conversation} query whose root has no alias (HQL's
     * {@code this}). A
     * conversation's {@code lastActivityAt} is its newest message's creation time, so
     * {@code lastActivityAt >= from} holds for every match and lets the activity index skip older
     * conversations. The {@code exists} runs on {@code message (conversation_id, created_at)} as a
     * probe per conversation, or, for an old window, on {@code message (created_at, conversation_id)}
     * (V5) as one range read; PostgreSQL picks.
     */
    void where(StringBuilder where, Parameters params) {
        if (from != null) {
            where.append(" and lastActivityAt >= :windowFrom");
            params.and("windowFrom", from);
        }
        if (to != null) {
            where.append(" and exists (select 1 from Message m where m.conversationId = this.id and m.createdAt < :windowTo");
            if (from != null) {
                where.append(" and m.createdAt >= :windowFrom");
            }
            where.append(")");
            params.and("windowTo", to);
        }
    }

    /** The window as its filter chip shows it, in UTC: {@code 2026-03-03 00:00–01:00 UTC}. */
    public String label() {
        if (from == null) {
            return "before " + MINUTE.format(to) + " UTC";
        }
        if (to == null) {
            return "since " + MINUTE.format(from) + " UTC";
        }
        boolean sameDay = DAY.format(from).equals(DAY.format(to));
        return MINUTE.format(from) + "–" + (sameDay ? TIME.format(to) : MINUTE.format(to)) + " UTC";
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid parameter", name + " must be an ISO-8601 instant or date, not '"
                    + v + "'");
        }
    }
}
