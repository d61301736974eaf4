package io.earshot.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Queue rows whose first posts are near-duplicates ({@link SimilarPosts}), shown as one row in the
 * incident view: the count, the newest row's text, and one checkbox that selects them all.
 *
 * @param rows the conversations, newest activity first; never empty
 */
public record SimilarGroup(List<InboxRow> rows) {

    public SimilarGroup {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a group has rows");
        }
        rows = List.copyOf(rows);
    }

    /**
     * Groups queue rows by their first posts' signatures; a row without a signature stands alone.
     * Largest group first, then by newest activity, as the rows came.
     */
    static List<SimilarGroup> of(List<InboxRow> queue) {
        Map<Object, List<InboxRow>> bySignature = new LinkedHashMap<>();
        for (InboxRow row : queue) {
            Object key = row.signature() == null ? row.id() : row.signature();
            bySignature.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<SimilarGroup> groups = new ArrayList<>(bySignature.values().stream().map(SimilarGroup::new).toList());
        groups.sort(Comparator.comparingInt(SimilarGroup::size).reversed());
        return groups;
    }

    /** The newest row, whose text stands for the group. */
    public InboxRow first() {
        return rows.get(0);
    }

    public int size() {
        return rows.size();
    }

    /** How many conversations besides the first. */
    public int others() {
        return rows.size() - 1;
    }

    public boolean single() {
        return rows.size() == 1;
    }

    /** The conversation ids as one checkbox value, {@code 12,15,19}: the bulk form applies it to each. */
    public String ids() {
        return rows.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(","));
    }

    /** Whether any of the conversations has activity the viewer has not seen. */
    public boolean unread() {
        return rows.stream().anyMatch(InboxRow::unread);
    }

    /** Every tag on any of the conversations. */
    public SortedSet<String> tags() {
        return rows.stream().flatMap(r -> r.tags().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The assignees of the conversations, {@code —} for none, comma-separated. */
    public String assignees() {
        return rows.stream().map(r -> r.assignee() == null ? "—" : r.assignee()).distinct().sorted()
                .collect(Collectors.joining(", "));
    }
}
