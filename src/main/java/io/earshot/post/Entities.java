package io.earshot.post;

import java.util.List;

/**
 * The entities twitter-text finds in a post's text, in order of appearance.
 * Hashtags, mentions and cashtags are kept without their sigil and as written.
 */
public record Entities(List<String> hashtags, List<String> mentions, List<String> cashtags, List<String> urls) {

    public static final Entities NONE = new Entities(List.of(), List.of(), List.of(), List.of());

    public Entities {
        hashtags = List.copyOf(hashtags);
        mentions = List.copyOf(mentions);
        cashtags = List.copyOf(cashtags);
        urls = List.copyOf(urls);
    }
}
