package io.earshot.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EnvelopeParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FULL_ENVELOPE = """
            {"id": "1590001", "platform": "X",
             "author": {"handle": "@jane_doe", "name": "Jane Doe", "followers": 312},
             "text": "@AcmeSupport my order #A123 never arrived $ACME https://acme.com/o/123",
             "created_at": "2016-11-25T10:14:03+01:00",
             "in_reply_to": "1589990", "lang": "EN", "url": "https://example.social/p/1590001",
             "direction": "inbound", "campaign": {"name": "black friday", "tags": [1, 2]}}
            """;

    private final EnvelopeParser parser = new EnvelopeParser();

    @Test
    void envelopeWithEveryFieldIsAcceptedWithEntitiesExtracted() {
        Post post = accepted(FULL_ENVELOPE);

        assertEquals("x", post.platform());
        assertEquals("1590001", post.externalId());
        assertEquals(new Author("jane_doe", "Jane Doe", 312L), post.author());
        assertEquals(Instant.parse("2016-11-25T09:14:03Z"), post.createdAt());
        assertEquals("1589990", post.inReplyTo());
        assertEquals("en", post.lang());
        assertEquals("https://example.social/p/1590001", post.url());
        assertEquals(Boolean.FALSE, post.outbound());
        assertEquals(new Entities(List.of("A123"), List.of("AcmeSupport"), List.of("ACME"),
                List.of("https://acme.com/o/123")), post.entities());
        assertEquals(new PostKey("x", "1590001"), post.key());
        assertEquals(new PostKey("x", "1589990"), post.parentKey());
    }

    @Test
    void envelopeWithOnlyRequiredFieldsIsAccepted() {
        Post post = accepted(minimal());

        assertNull(post.inReplyTo());
        assertNull(post.lang());
        assertNull(post.url());
        assertNull(post.outbound());
        assertEquals(new Author("jane_doe", null, null), post.author());
    }

    @Test
    void jsonNodeAndBytesOfTheSameEnvelopeGiveTheSamePost() throws Exception {
        assertEquals(accepted(FULL_ENVELOPE), assertInstanceOf(ParseResult.Accepted.class,
                parser.parse(JSON.readTree(FULL_ENVELOPE))).post());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "platform", "author", "text", "created_at"})
    void envelopeMissingARequiredFieldIsRejectedNamingIt(String field) {
        ObjectNode envelope = minimal();
        envelope.remove(field);

        assertEquals(field + " is required", rejected(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "platform", "author", "text", "created_at"})
    void requiredFieldThatIsNullIsRejectedAsMissing(String field) {
        ObjectNode envelope = minimal();
        envelope.putNull(field);

        assertEquals(field + " is required", rejected(envelope));
    }

    @Test
    void authorWithoutHandleIsRejected() {
        ObjectNode envelope = minimal();
        ((ObjectNode) envelope.get("author")).remove("handle");

        assertEquals("author.handle is required", rejected(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "\"@\""})
    void blankHandleIsRejected(String handle) {
        ObjectNode envelope = minimal();
        ((ObjectNode) envelope.get("author")).set("handle", json(handle));

        assertTrue(rejected(envelope).startsWith("author.handle must"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id          | true                 | id must be a string or an integer",
        "id          | 1.5                  | id must be a string or an integer",
        "id          | {\"v\": 1}           | id must be a string or an integer",
        "platform    | 7                    | platform must be a string",
        "platform    | \"Not A Platform!\"  | platform must be 1-32 of a-z, 0-9, '.', '_' or '-'",
        "author      | \"jane\"             | author must be an object with a handle",
        "text        | 42                   | text must be a string",
        "text        | [\"a\"]              | text must be a string",
        "created_at  | 1480065243           | created_at must be an ISO-8601 string such as 2026-11-25T09:14:03Z",
        "in_reply_to | [1]                  | in_reply_to must be a string or an integer",
        "lang        | 5                    | lang must be a string",
        "url         | false                | url must be a string",
        "direction   | \"sideways\"         | direction must be inbound or outbound",
    })
    void fieldOfTheWrongTypeIsRejected(String field, String value, String reason) {
        ObjectNode envelope = minimal();
        envelope.set(field, json(value));

        assertEquals(reason, rejected(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.0", "\"312\"", "true"})
    void followersThatAreNotANonNegativeIntegerAreRejected(String followers) {
        ObjectNode envelope = minimal();
        ((ObjectNode) envelope.get("author")).set("followers", json(followers));

        assertEquals("author.followers must be a non-negative integer", rejected(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2016-11-25T09:14:03", "2016-11-25", "2016-13-01T00:00:00Z",
        "25/11/2016 09:14", "2016-11-25T09:14:03 Z"})
    void timestampThatIsNotAnIsoDateTimeWithOffsetIsRejected(String createdAt) {
        ObjectNode envelope = minimal();
        envelope.put("created_at", createdAt);

        assertTrue(rejected(envelope).startsWith("created_at is not an ISO-8601 date-time with offset"));
    }

    @Test
    void timestampBeforeNinetyNinetyIsRejected() {
        ObjectNode envelope = minimal();
        envelope.put("created_at", "1989-12-31T23:59:59Z");

        assertEquals("created_at is before 1990-01-01T00:00:00Z", rejected(envelope));
    }

    @Test
    void timestampMoreThanADayAheadIsRejectedButClockSkewIsTolerated() {
        ObjectNode farFuture = minimal();
        farFuture.put("created_at", Instant.now().plus(Duration.ofDays(2)).toString());
        ObjectNode skewed = minimal();
        skewed.put("created_at", Instant.now().plus(Duration.ofHours(1)).toString());

        assertEquals("created_at is more than a day in the future", rejected(farFuture));
        accepted(skewed);
    }

    @Test
    void textOfTenThousandAndOneCodePointsIsRejected() {
        ObjectNode envelope = minimal();
        envelope.put("text", "a".repeat(EnvelopeParser.MAX_TEXT_LENGTH + 1));

        assertEquals("text is 10001 characters; the limit is 10000", rejected(envelope));
    }

    @Test
    void textOfTenThousandEmojiIsAcceptedThoughItIsTwentyThousandChars() {
        String emoji = "\uD83D\uDE00".repeat(EnvelopeParser.MAX_TEXT_LENGTH);
        ObjectNode envelope = minimal();
        envelope.put("text", emoji);

        assertEquals(emoji, accepted(envelope).text());
    }

    @Test
    void invalidUtf8IsRejectedWithTheOffendingOffset() {
        byte[] record = bytes("{\"id\": \"1\", \"text\": \"caf\u00e9\"}");
        int e9 = indexOf(record, (byte) 0xC3);
        record[e9] = (byte) 0xE9; // Latin-1 'é' inside UTF-8: a lone lead byte

        assertEquals("invalid UTF-8 near byte " + e9, rejectedBytes(record));
    }

    @Test
    void surrogateEncodedAsUtf8BytesIsRejected() {
        byte[] prefix = bytes("{\"text\": \"");
        byte[] record = new byte[prefix.length + 5];
        System.arraycopy(prefix, 0, record, 0, prefix.length);
        // U+D800 encoded CESU-style: not valid UTF-8
        record[prefix.length] = (byte) 0xED;
        record[prefix.length + 1] = (byte) 0xA0;
        record[prefix.length + 2] = (byte) 0x80;
        record[prefix.length + 3] = '"';
        record[prefix.length + 4] = '}';

        assertTrue(rejectedBytes(record).startsWith("invalid UTF-8"));
    }

    @Test
    void loneSurrogateWrittenAsJsonEscapeIsRejected() {
        String record = minimal().toString().replace("\"hello @acme\"", "\"hello \\ud800 there\"");

        assertEquals("text contains an unpaired surrogate at index 6", rejectedBytes(bytes(record)));
    }

    @Test
    void surrogatePairWrittenAsJsonEscapesIsAccepted() {
        String record = minimal().toString().replace("\"hello @acme\"", "\"grin \\ud83d\\ude00\"");

        assertEquals("grin \uD83D\uDE00", assertInstanceOf(ParseResult.Accepted.class,
                parser.parse(bytes(record))).post().text());
    }

    @Test
    void nulWrittenAsJsonEscapeIsRejectedInText() {
        String record = minimal().toString().replace("\"hello @acme\"", "\"nul\\u0000here\"");

        assertEquals("text contains a NUL character at index 3", rejectedBytes(bytes(record)));
    }

    @Test
    void nulInAuthorNameIsRejected() {
        ObjectNode envelope = minimal();
        ((ObjectNode) envelope.get("author")).put("name", "Jane\u0000");

        assertEquals("author.name contains a NUL character at index 4", rejected(envelope));
    }

    @ParameterizedTest
    @CsvSource({"lang, e%sn", "url, https://x.example/%s"})
    void nulOrLoneSurrogateInAnOptionalStringIsRejected(String field, String template) {
        for (String escape : List.of("\\u0000", "\\ud800")) {
            ObjectNode envelope = minimal();
            envelope.put(field, "PLACEHOLDER");
            String record = envelope.toString().replace("PLACEHOLDER", template.formatted(escape));

            String reason = rejectedBytes(bytes(record));

            assertTrue(reason.startsWith(field + " must be"), reason);
        }
    }

    @Test
    void deeplyNestedJsonIsRejectedWithoutOverflowingTheStack() {
        int depth = 1000;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String record = minimal().toString().replaceFirst("\\}$", ", \"extra\": " + nested + "}");

        String reason = rejectedBytes(bytes(record));

        assertTrue(reason.startsWith("malformed JSON"), reason);
        assertTrue(reason.contains("nesting depth"), reason);
    }

    @Test
    void deeplyNestedTopLevelObjectsAreRejected() {
        String nested = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

        assertTrue(rejectedBytes(bytes(nested)).startsWith("malformed JSON"));
    }

    @Test
    void nestingWithinTheLimitIsAcceptedAndKept() {
        int depth = EnvelopeParser.MAX_NESTING_DEPTH - 1;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String record = minimal().toString().replaceFirst("\\}$", ", \"extra\": " + nested + "}");

        assertTrue(accepted(record).raw().contains(nested));
    }

    @Test
    void postReplyingToItselfIsRejected() {
        ObjectNode envelope = minimal();
        envelope.put("in_reply_to", "1590001");

        assertEquals("post replies to itself (in_reply_to equals id)", rejected(envelope));
    }

    @Test
    void idsWrittenAsJsonNumbersBecomeTheirDecimalStrings() {
        ObjectNode envelope = minimal();
        envelope.put("id", 1590001L);
        envelope.set("in_reply_to", json("92233720368547758070"));

        Post post = accepted(envelope);

        assertEquals("1590001", post.externalId());
        assertEquals("92233720368547758070", post.inReplyTo());
    }

    @ParameterizedTest
    @ValueSource(strings = {"159 0001", " 1590001", "1590001\n", "15\u00a090", "id\u0000", "ünïcode", ""})
    void idWithSpacesControlsOrNonAsciiIsRejected(String id) {
        ObjectNode envelope = minimal();
        envelope.put("id", id);

        assertEquals("id must be 1-256 printable ASCII characters without spaces", rejected(envelope));
    }

    @Test
    void idLongerThanTheLimitIsRejected() {
        ObjectNode envelope = minimal();
        envelope.put("id", "9".repeat(257));

        assertEquals("id must be 1-256 printable ASCII characters without spaces", rejected(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "ftp://x.example/",
        "//x.example/p", "https://bad host.example/", "https://x.example/\n<script>"})
    void urlThatIsNotAPlainHttpLinkIsRejected(String url) {
        ObjectNode envelope = minimal();
        envelope.put("url", url);

        assertTrue(rejected(envelope).startsWith("url "), rejected(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x.example", "https://x.example/p/1?q=%20#top", "HTTPS://X.example/p"})
    void plainHttpLinkIsAccepted(String url) {
        ObjectNode envelope = minimal();
        envelope.put("url", url);

        assertEquals(url, accepted(envelope).url());
    }

    @Test
    void unknownFieldsAreKeptInTheRawEnvelope() throws Exception {
        JsonNode raw = JSON.readTree(accepted(FULL_ENVELOPE).raw());

        assertEquals("black friday", raw.path("campaign").path("name").asText());
        assertEquals(2, raw.path("campaign").path("tags").size());
    }

    @ParameterizedTest
    @CsvSource({"outbound, true", "OUTBOUND, true", "inbound, false"})
    void directionSaysWhetherTheBrandWroteThePost(String direction, boolean outbound) {
        ObjectNode envelope = minimal();
        envelope.put("direction", direction);

        assertEquals(outbound, accepted(envelope).outbound());
    }

    @Test
    void emptyRecordIsRejected() {
        assertEquals("empty record", rejectedBytes(new byte[0]));
    }

    @Test
    void recordLargerThanTheLimitIsRejectedBeforeParsing() {
        byte[] record = new byte[EnvelopeParser.MAX_RECORD_BYTES + 1];
        java.util.Arrays.fill(record, (byte) ' ');

        assertEquals("record is 262145 bytes; the limit is 262144", rejectedBytes(record));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"post\"", "42", "null", "  "})
    void recordThatIsNotAJsonObjectIsRejected(String record) {
        assertEquals("envelope must be a JSON object", rejectedBytes(bytes(record)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\": ", "{\"id\": \"1\",}", "not json"})
    void malformedJsonIsRejected(String record) {
        assertTrue(rejectedBytes(bytes(record)).startsWith("malformed JSON"));
    }

    @Test
    void secondEnvelopeOnTheSameLineIsRejectedRatherThanSilentlyDropped() {
        String record = minimal().toString() + " " + minimal().put("id", "1590002");

        assertTrue(rejectedBytes(bytes(record)).startsWith("malformed JSON"));
    }

    @Test
    void byteOrderMarkBeforeTheEnvelopeIsIgnored() {
        byte[] envelope = bytes(minimal().toString());
        byte[] record = new byte[envelope.length + 3];
        record[0] = (byte) 0xEF;
        record[1] = (byte) 0xBB;
        record[2] = (byte) 0xBF;
        System.arraycopy(envelope, 0, record, 3, envelope.length);

        assertInstanceOf(ParseResult.Accepted.class, parser.parse(record));
    }

    @Test
    void jsonNodeThatIsNotAnObjectIsRejected() {
        assertEquals("envelope must be a JSON object", assertInstanceOf(ParseResult.Rejected.class,
                parser.parse(JSON.createArrayNode())).reason());
        assertFalse(parser.parse((JsonNode) null) instanceof ParseResult.Accepted);
    }

    private static ObjectNode minimal() {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", "1590001");
        envelope.put("platform", "x");
        envelope.putObject("author").put("handle", "jane_doe");
        envelope.put("text", "hello @acme");
        envelope.put("created_at", "2016-11-25T09:14:03Z");
        return envelope;
    }

    private Post accepted(ObjectNode envelope) {
        return accepted(envelope.toString());
    }

    private Post accepted(String envelope) {
        ParseResult result = parser.parse(bytes(envelope));
        return assertInstanceOf(ParseResult.Accepted.class, result, () -> result.toString()).post();
    }

    /** Rejects through both entry points, which must agree, and returns the reason. */
    private String rejected(ObjectNode envelope) {
        String reason = rejectedBytes(bytes(envelope.toString()));
        ParseResult fromNode = parser.parse(envelope);
        assertEquals(new ParseResult.Rejected(reason), fromNode);
        return reason;
    }

    private String rejectedBytes(byte[] record) {
        ParseResult result = parser.parse(record);
        return assertInstanceOf(ParseResult.Rejected.class, result, () -> result.toString()).reason();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no byte " + b);
    }
}
