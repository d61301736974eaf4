package io.earshot.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.earshot.conversation.ConversationViews.RuleRef;

/** What {@code GET /api/search} answers. {@code next} is null on the last page. */
public record SearchResult(long total, List<Hit> items, Map<String, List<FacetValue>> facets, String next) {

    /** One matching post (with {@code group=conversation}, the best post of its conversation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(long conversationId, String postId, long messageId, String platform, String author,
            String text, String highlight, Instant createdAt, Float score, List<RuleRef> rules) {
    }

    /** A facet value and how many matching posts carry it. */
    public record FacetValue(String value, long count) {
    }
}
