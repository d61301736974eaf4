package io.earshot.conversation;

import java.util.List;

/** A page of the inbox queue and the cursor of the next one (null on the last page). */
public record InboxPageData(List<InboxRow> rows, String next) {
}
