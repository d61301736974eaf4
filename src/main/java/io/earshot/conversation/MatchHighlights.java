package io.earshot.conversation;

import java.util.Map;

/**
 * Marks, in a message's text, the words that made listening rules catch it. Implemented by the
 * search capability (which owns the query language), so the thread page shows "why it is here"
 * without this package depending on Lucene.
 */
public interface MatchHighlights {

    /**
     * The text HTML-escaped with each matched word wrapped in {@code <mark>}, or {@code null} when
     * none of the queries marks a word of it.
     *
     * @param ruleQueries the query strings of the rules that caught the message
     */
    String highlight(String text, Iterable<String> ruleQueries);

    /** Highlights many messages at once: message id to its text and the queries of its rules. */
    default Map<Long, String> highlightAll(Map<Long, Map.Entry<String, Iterable<String>>> messages) {
        Map<Long, String> marked = new java.util.HashMap<>();
        messages.forEach((id, m) -> {
            String html = highlight(m.getKey(), m.getValue());
            if (html != null) {
                marked.put(id, html);
            }
        });
        return marked;
    }
}
