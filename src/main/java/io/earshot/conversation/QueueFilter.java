package io.earshot.conversation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.earshot.web.ApiException;

/**
 * Which conversations a queue shows: a view (open, unassigned, mine, pending, closed, all) narrowed
 * by rule, tag, assignee, priority and a time window of activity, and whether near-duplicates are
 * grouped. Every filter lives in the page's URL, so a queue can be bookmarked, shared and saved. An
 * alert's incident view is one such URL: {@code view=all&rule=3&from=...&to=...&group=similar}.
 *
 * @param view one of {@link #VIEWS}
 * @param rule only conversations caught by this rule, or null
 * @param tag only conversations with this tag, or null
 * @param assignee only conversations assigned to this user, or null
 * @param priority only conversations of this priority, or null
 * @param window only conversations with a post created in this window, or null
 * @param similar whether rows with near-duplicate first posts are grouped ({@code group=similar})
 */
public record QueueFilter(String view, Long rule, String tag, String assignee, Priority priority,
        ActivityWindow window, boolean similar) {

    public static final java.util.List<String> VIEWS = java.util.List.of("open", "unassigned", "mine", "pending",
            "closed", "all");

    public QueueFilter {
        if (!VIEWS.contains(view)) {
            throw ApiException.badRequest("invalid parameter", "view must be one of " + VIEWS);
        }
    }

    /** The value of {@code group} that groups near-duplicates. */
    public static final String GROUP_SIMILAR = "similar";

    /**
     * Reads the filter from query parameters; blank values mean "any". An unknown view, priority or
     * grouping, an unreadable time or {@code from} not before {@code to} is a 400.
     */
    public static QueueFilter of(String view, String rule, String tag, String assignee, String priority,
            String from, String to, String group) {
        Long ruleId = null;
        if (!blank(rule)) {
            try {
                ruleId = Long.parseLong(rule.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid parameter", "rule must be a rule id");
            }
        }
        Priority wanted = null;
        if (!blank(priority)) {
            try {
                wanted = Priority.parse(priority);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid parameter", "priority must be low, normal, high or urgent");
            }
        }
        if (!blank(group) && !GROUP_SIMILAR.equals(group.trim())) {
            throw ApiException.badRequest("invalid parameter", "group must be " + GROUP_SIMILAR);
        }
        return new QueueFilter(blank(view) ? "open" : view.trim().toLowerCase(Locale.ROOT), ruleId,
                blank(tag) ? null : tag.trim().toLowerCase(Locale.ROOT), blank(assignee) ? null : assignee.trim(),
                wanted, ActivityWindow.of(from, to), !blank(group));
    }

    /** The status this view shows, or null for every status. */
    Status status() {
        return switch (view) {
            case "pending" -> Status.PENDING;
            case "closed" -> Status.CLOSED;
            case "all", "mine" -> null;
            default -> Status.OPEN;
        };
    }

    public boolean isRule(Long id) {
        return id != null && id.equals(rule);
    }

    public boolean isTag(String name) {
        return name != null && name.equals(tag);
    }

    public QueueFilter withView(String newView) {
        return new QueueFilter(newView, rule, tag, assignee, priority, window, similar);
    }

    public QueueFilter withRule(Long newRule) {
        return new QueueFilter(view, newRule, tag, assignee, priority, window, similar);
    }

    public QueueFilter withTag(String newTag) {
        return new QueueFilter(view, rule, newTag, assignee, priority, window, similar);
    }

    /** The same filter over all time (the window's chip removes it). */
    public QueueFilter withoutWindow() {
        return new QueueFilter(view, rule, tag, assignee, priority, null, similar);
    }

    /** The same filter with near-duplicates grouped or not. */
    public QueueFilter withSimilar(boolean grouped) {
        return new QueueFilter(view, rule, tag, assignee, priority, window, grouped);
    }

    /** The filter as a URL query string (without {@code ?}), in a stable order. */
    public String toQuery() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("view", view);
        if (rule != null) {
            params.put("rule", rule.toString());
        }
        if (tag != null) {
            params.put("tag", tag);
        }
        if (assignee != null) {
            params.put("assignee", assignee);
        }
        if (priority != null) {
            params.put("priority", priority.value());
        }
        if (window != null && window.from() != null) {
            params.put("from", window.from().toString());
        }
        if (window != null && window.to() != null) {
            params.put("to", window.to().toString());
        }
        if (similar) {
            params.put("group", GROUP_SIMILAR);
        }
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
