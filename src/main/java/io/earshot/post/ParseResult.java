package io.earshot.post;

/** What {@link EnvelopeParser} made of one input record: a post, or the reason it was refused. */
public sealed interface ParseResult {

    record Accepted(Post post) implements ParseResult {
    }

    record Rejected(String reason) implements ParseResult {
    }
}
