package io.earshot.conversation;

import java.util.List;

/**
 * A page of the inbox queue and the cursor of the next one (null on the last page).
 *
 * @param groups the rows grouped by similar first posts when the queue asks for it ({@code group=similar}),
 *        otherwise null
 */
public record InboxPageData(List<InboxRow> rows, String next, List<SimilarGroup> groups) {
}
