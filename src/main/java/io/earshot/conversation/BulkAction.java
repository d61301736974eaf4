package io.earshot.conversation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.earshot.web.ApiException;

/**
 * Reads the inbox's bulk form: the selected conversations, and the action and value the toolbar chose,
 * as the triage change it means or, for {@value #REPLY}, the canned reply to send.
 */
final class BulkAction {

    /** The action that sends a canned reply to every selected conversation. */
    static final String REPLY = "reply";

    private BulkAction() {
    }

    static TriageChange parse(String action, String value, String me) {
        String v = value == null ? "" : value.strip();
        try {
            return switch (action == null ? "" : action) {
                case "assign-me" -> TriageChange.assign(me);
                case "assign" -> TriageChange.assign(v.isEmpty() ? null : v);
                case "tag" -> TriageChange.tags(List.of(require(v, "a tag")), null);
                case "untag" -> TriageChange.tags(null, List.of(require(v, "a tag")));
                case "status" -> TriageChange.status(Status.parse(require(v, "a status")));
                case "priority" -> TriageChange.priority(Priority.parse(require(v, "a priority")));
                default -> throw ApiException.badRequest("invalid bulk action", "unknown action '" + action + "'");
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid bulk action", "'" + v + "' is not a valid value for " + action);
        }
    }

    /**
     * The selected conversation ids, in order, without repeats. Each {@code id} value is one id, or a
     * group's ids comma-separated ({@code 12,15,19}), as a group row's checkbox sends them.
     */
    static List<Long> ids(List<String> selected) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : selected == null ? List.<String>of() : selected) {
            for (String id : value.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                try {
                    ids.add(Long.parseLong(id.strip()));
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("invalid bulk action", "'" + id.strip() + "' is not a conversation id");
                }
            }
        }
        return List.copyOf(ids);
    }

    static void requireSome(List<Long> ids) {
        if (ids.isEmpty()) {
            throw ApiException.badRequest("invalid bulk action", "select at least one conversation");
        }
    }

    /** The canned reply a {@value #REPLY} action sends, once one is chosen and conversations are selected. */
    static long canned(Long canned, List<Long> ids) {
        if (canned == null) {
            throw ApiException.badRequest("invalid bulk action", "choose a canned reply first");
        }
        requireSome(ids);
        return canned;
    }

    /** When the agent opened the page, as the bulk form carries it; null when it does not. */
    static Instant openedAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid bulk action", "openedAt must be an instant");
        }
    }

    private static String require(String value, String what) {
        if (value.isEmpty()) {
            throw ApiException.badRequest("invalid bulk action", "choose " + what + " first");
        }
        return value;
    }
}
