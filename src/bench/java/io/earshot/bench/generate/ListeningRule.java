package io.earshot.bench.generate;

import java.util.List;
import java.util.Set;

/**
 * A generated listening rule: its query in Earshot's query language, and the same condition as a
 * plain Java predicate over a post's tokens, so the generator can count what it planted without
 * Lucene.
 */
public record ListeningRule(long id, String name, String query, Brand brand, Kind kind) {

    /** The shapes of rule a brand gets, one of each. */
    public enum Kind {
        KEYWORD, PHRASE, BOOLEAN, HASHTAG, MENTION, PREFIX
    }

    /** Complaint words of the boolean rule. */
    static final Set<String> COMPLAINTS = Set.of("refund", "broken", "late");
    /** The word that keeps job ads out of the boolean rule. */
    static final String EXCLUDED = "job";
    /** The word that follows the brand in the phrase rule. */
    static final String PHRASE_TAIL = "app";

    static ListeningRule of(long id, Brand brand, Kind kind) {
        String query = switch (kind) {
            case KEYWORD -> brand.name();
            case PHRASE -> "\"" + brand.name() + " " + PHRASE_TAIL + "\"";
            case BOOLEAN -> brand.name() + " AND (" + String.join(" OR ", COMPLAINTS.stream().sorted().toList())
                    + ") AND NOT " + EXCLUDED;
            case HASHTAG -> "#" + brand.failTag();
            case MENTION -> "@" + brand.handle();
            case PREFIX -> brand.prefix() + "*";
        };
        return new ListeningRule(id, brand.display() + " " + kind.name().toLowerCase(), query, brand, kind);
    }

    /** Whether a post with these tokens matches, by the rule's meaning rather than by Lucene. */
    boolean matches(PostTokens post) {
        List<String> words = post.words();
        return switch (kind) {
            case KEYWORD -> words.contains(brand.name());
            case PHRASE -> phrase(words);
            case BOOLEAN -> words.contains(brand.name()) && words.stream().anyMatch(COMPLAINTS::contains)
                    && !words.contains(EXCLUDED);
            case HASHTAG -> post.hashtags().contains(brand.failTag());
            case MENTION -> post.mentions().contains(brand.handle().toLowerCase());
            case PREFIX -> words.stream().anyMatch(w -> w.startsWith(brand.prefix()));
        };
    }

    private boolean phrase(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals(brand.name()) && words.get(i + 1).equals(PHRASE_TAIL)) {
                return true;
            }
        }
        return false;
    }
}
