package io.earshot.post;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated post: the envelope of {@code docs/post-format.md} with its entities extracted.
 * Immutable; every post that reaches matching and storage is one of these.
 *
 * @param platform lower-case platform name, e.g. {@code x}
 * @param externalId the platform's id of the post
 * @param inReplyTo the platform's id of the parent post, or {@code null}
 * @param outbound {@code TRUE} when the source says the brand wrote it, {@code FALSE} when it says the
 *        public did, {@code null} when it does not say (then the brand's handles decide)
 * @param raw the envelope as received (JSON), so unknown fields are kept
 */
public record Post(String platform, String externalId, Author author, String text, Instant createdAt,
        String inReplyTo, String lang, String url, Boolean outbound, Entities entities, String raw) {

    public Post {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(entities, "entities");
    }

    /** The key that identifies this post across sources: platform and external id. */
    public PostKey key() {
        return new PostKey(platform, externalId);
    }

    /** The key of the parent post, or {@code null} for a post that replies to nothing. */
    public PostKey parentKey() {
        return inReplyTo == null ? null : new PostKey(platform, inReplyTo);
    }
}
