package io.earshot.conversation;

import java.util.List;

import io.earshot.web.ApiException;

/** Turns an inbox bulk action (the toolbar's action and value) into the triage change it means. */
final class BulkAction {

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

    private static String require(String value, String what) {
        if (value.isEmpty()) {
            throw ApiException.badRequest("invalid bulk action", "choose " + what + " first");
        }
        return value;
    }
}
