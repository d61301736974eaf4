package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;
import io.earshot.post.Post;

/**
 * Coverage-guided fuzzing of {@link EnvelopeParser}: whatever bytes arrive, the parser answers a post or a
 * reason and never throws, and an accepted post keeps the envelope's invariants. In a plain {@code verify}
 * the seeds under {@code EnvelopeParserFuzzTestInputs/} run as regression tests; the surefire execution
 * {@code fuzz} runs a fixed budget of generated inputs ({@code JAZZER_FUZZ=1}).
 */
class EnvelopeParserFuzzTest {

    private static final EnvelopeParser PARSER = new EnvelopeParser();

    @FuzzTest(maxExecutions = 50_000, maxDuration = "30s")
    @DictionaryEntries({"{\"id\":\"", "\"platform\":\"x\"", "\"author\":{\"handle\":\"", "\"name\":", "\"followers\":",
            "\"text\":\"", "\"created_at\":\"2026-11-25T09:14:03Z\"", "\"in_reply_to\":", "\"lang\":\"en\"",
            "\"url\":\"https://e.co/\"", "\"direction\":\"outbound\"", "\\u0000", "\\ud800", "1e999999999", "\"}"})
    void anyRecordIsAPostOrAReasonAndAPostKeepsTheEnvelopeInvariants(byte[] record) {
        ParseResult result = PARSER.parse(record);
        if (result instanceof ParseResult.Rejected rejected) {
            assertFalse(rejected.reason() == null || rejected.reason().isBlank(), "a refusal has a reason");
            return;
        }
        Post post = ((ParseResult.Accepted) result).post();
        assertInvariants(post);
        // A held reply is parsed again from its raw envelope when its parent arrives; it must come back the same.
        ParseResult again = PARSER.parse(post.raw().getBytes(StandardCharsets.UTF_8));
        assertTrue(again instanceof ParseResult.Accepted, () -> "raw envelope no longer parses: " + again);
        Post reparsed = ((ParseResult.Accepted) again).post();
        assertEquals(post.key(), reparsed.key());
        assertEquals(post.text(), reparsed.text());
        assertEquals(post.createdAt(), reparsed.createdAt());
        assertEquals(post.inReplyTo(), reparsed.inReplyTo());
    }

    static void assertInvariants(Post post) {
        assertTrue(post.externalId().matches("[\\x21-\\x7E]{1,256}"), "printable id");
        assertTrue(post.platform().matches("[a-z0-9][a-z0-9._-]{0,31}"), "platform");
        assertNotEquals(post.externalId(), post.inReplyTo(), "no self-reply");
        String text = post.text();
        assertTrue(text.codePointCount(0, text.length()) <= EnvelopeParser.MAX_TEXT_LENGTH, "text length");
        assertEquals(-1, text.indexOf('\u0000'), "no NUL");
        // Lone surrogates do not survive UTF-8: a storable text round-trips through it unchanged.
        assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), "valid UTF-16");
        assertTrue(post.raw().length() <= EnvelopeParser.MAX_RECORD_BYTES, "raw size");
        assertTrue(post.createdAt().isAfter(Instant.parse("1989-12-31T23:59:59Z")), "not before 1990");
        assertTrue(post.createdAt().isBefore(Instant.now().plusSeconds(2 * 86_400)), "not far in the future");
        assertFalse(post.author().handle().isEmpty(), "handle");
    }
}
