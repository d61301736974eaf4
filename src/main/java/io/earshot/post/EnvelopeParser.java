package io.earshot.post;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns one post envelope (see {@code docs/post-format.md}) into a validated {@link Post}, or says
 * why it cannot. Posts are written by strangers and delivered by connectors we do not control, so
 * every field is checked and every failure is a {@link ParseResult.Rejected} with a reason a person
 * can act on; nothing here throws on bad input. Thread-safe.
 */
public final class EnvelopeParser {

    /** Longest accepted text, in Unicode code points. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** Largest accepted envelope, in bytes of UTF-8. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;
    /** Deepest accepted JSON nesting: the envelope needs two levels; unknown fields get some room. */
    public static final int MAX_NESTING_DEPTH = 32;

    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private static final int MAX_ID_LENGTH = 256;
    private static final int MAX_HANDLE_LENGTH = 100;
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_LANG_LENGTH = 16;
    private static final int MAX_URL_LENGTH = 2048;
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    // Ids travel into URLs, logs and SQL parameters: printable, no spaces, no control characters.
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern HANDLE = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");
    // BCP 47 shaped (en, pt-BR, zh-Hant, und); '_' too, as Java locales write it (en_US).
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*");
    // A host must follow the scheme; separators and invisible or control characters must not appear anywhere,
    // since the link is rendered in pages and a NUL cannot even be stored in PostgreSQL.
    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^/?#\\p{Z}\\p{C}][^\\p{Z}\\p{C}]*");

    private final ObjectMapper mapper;

    public EnvelopeParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_RECORD_BYTES)
                        .maxDocumentLength(MAX_RECORD_BYTES)
                        .build())
                // {"id":"1","id":"2"} is ambiguous: refuse it rather than guess which one the sender meant.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** Parses one record as it arrived on the wire (a Kafka value, an NDJSON line). */
    public ParseResult parse(byte[] record) {
        if (record.length == 0) {
            return rejected("empty record");
        }
        if (record.length > MAX_RECORD_BYTES) {
            return rejected("record is " + record.length + " bytes; the limit is " + MAX_RECORD_BYTES);
        }
        String invalidUtf8 = checkUtf8(record);
        if (invalidUtf8 != null) {
            return rejected(invalidUtf8);
        }
        JsonNode node;
        try (JsonParser json = mapper.createParser(record)) {
            node = mapper.readTree(json);
            // readTree stops after the first value: a second envelope run onto the line would be lost.
            if (node != null && json.nextToken() != null) {
                return rejected("malformed JSON: more than one value in the record");
            }
        } catch (JsonProcessingException e) {
            return rejected("malformed JSON: " + e.getOriginalMessage());
        } catch (Exception e) {
            return rejected("malformed JSON");
        }
        return parse(node);
    }

    /** Validates an envelope that is already JSON (an element of a JSON array body). */
    public ParseResult parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return rejected("envelope must be a JSON object");
        }
        String raw = node.toString();
        if (raw.length() > MAX_RECORD_BYTES) {
            return rejected("envelope is larger than " + MAX_RECORD_BYTES + " characters");
        }
        try {
            return new ParseResult.Accepted(toPost(node, raw));
        } catch (InvalidEnvelope e) {
            return rejected(e.getMessage());
        }
    }

    private Post toPost(JsonNode node, String raw) {
        String externalId = id(node, "id", true);
        String platform = requiredString(node, "platform").toLowerCase(Locale.ROOT);
        if (!PLATFORM.matcher(platform).matches()) {
            throw new InvalidEnvelope("platform must be 1-32 of a-z, 0-9, '.', '_' or '-'");
        }
        Author author = author(node.get("author"));
        String text = text(node.get("text"));
        Instant createdAt = createdAt(node.get("created_at"));
        String inReplyTo = id(node, "in_reply_to", false);
        if (externalId.equals(inReplyTo)) {
            throw new InvalidEnvelope("post replies to itself (in_reply_to equals id)");
        }
        String lang = optionalString(node, "lang", MAX_LANG_LENGTH);
        if (lang != null && !LANG.matcher(lang).matches()) {
            throw new InvalidEnvelope("lang must be a language tag such as en or pt-BR");
        }
        String url = optionalString(node, "url", MAX_URL_LENGTH);
        if (url != null && !HTTP_URL.matcher(url).matches()) {
            throw new InvalidEnvelope(
                    "url must be an http:// or https:// link without spaces or control characters");
        }
        Boolean outbound = direction(optionalString(node, "direction", 16));
        return new Post(platform, externalId, author, text, createdAt, inReplyTo,
                lang == null ? null : lang.toLowerCase(Locale.ROOT), url, outbound, EntityExtractor.extract(text),
                raw);
    }

    private static Boolean direction(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "outbound" -> Boolean.TRUE;
            case "inbound" -> Boolean.FALSE;
            default -> throw new InvalidEnvelope("direction must be inbound or outbound");
        };
    }

    private static Author author(JsonNode author) {
        if (author == null || author.isNull()) {
            throw new InvalidEnvelope("author is required");
        }
        if (!author.isObject()) {
            throw new InvalidEnvelope("author must be an object with a handle");
        }
        String handle = requiredString(author, "author.handle", author.get("handle"));
        if (handle.startsWith("@")) {
            handle = handle.substring(1);
        }
        if (handle.isEmpty() || handle.length() > MAX_HANDLE_LENGTH || !HANDLE.matcher(handle).matches()) {
            throw new InvalidEnvelope("author.handle must be 1-" + MAX_HANDLE_LENGTH
                    + " letters, digits, '_', '.' or '-'");
        }
        String name = optionalString(author, "name", "author.name", MAX_NAME_LENGTH);
        if (name != null) {
            String problem = textProblem(name);
            if (problem != null) {
                throw new InvalidEnvelope("author.name " + problem);
            }
        }
        Long followers = null;
        JsonNode f = author.get("followers");
        if (f != null && !f.isNull()) {
            if (!f.canConvertToLong() || !f.isIntegralNumber() || f.asLong() < 0) {
                throw new InvalidEnvelope("author.followers must be a non-negative integer");
            }
            followers = f.asLong();
        }
        return new Author(handle, name, followers);
    }

    private static String text(JsonNode text) {
        if (text == null || text.isNull()) {
            throw new InvalidEnvelope("text is required");
        }
        if (!text.isTextual()) {
            throw new InvalidEnvelope("text must be a string");
        }
        String value = text.asText();
        int length = value.codePointCount(0, value.length());
        if (length > MAX_TEXT_LENGTH) {
            throw new InvalidEnvelope("text is " + length + " characters; the limit is " + MAX_TEXT_LENGTH);
        }
        String problem = textProblem(value);
        if (problem != null) {
            throw new InvalidEnvelope("text " + problem);
        }
        return value;
    }

    /** What makes a string unstorable (NUL is refused by PostgreSQL, lone surrogates by UTF-8). */
    private static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "contains a NUL character at index " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate at index " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate at index " + i;
            }
        }
        return null;
    }

    private static Instant createdAt(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidEnvelope("created_at is required");
        }
        if (!node.isTextual()) {
            throw new InvalidEnvelope("created_at must be an ISO-8601 string such as 2026-11-25T09:14:03Z");
        }
        Instant instant;
        try {
            instant = IsoInstant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidEnvelope("created_at is not an ISO-8601 date-time with offset: "
                    + abbreviate(node.asText()));
        }
        if (instant.isBefore(EARLIEST)) {
            throw new InvalidEnvelope("created_at is before " + EARLIEST);
        }
        if (instant.isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            throw new InvalidEnvelope("created_at is more than a day in the future");
        }
        return instant;
    }

    private static String id(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidEnvelope(field + " is required");
            }
            return null;
        }
        String value;
        if (node.isTextual()) {
            value = node.asText();
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue().toString();
        } else {
            throw new InvalidEnvelope(field + " must be a string or an integer");
        }
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH || !ID.matcher(value).matches()) {
            throw new InvalidEnvelope(field + " must be 1-" + MAX_ID_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return value;
    }

    private static String requiredString(JsonNode parent, String field) {
        return requiredString(parent, field, parent.get(field));
    }

    private static String requiredString(JsonNode parent, String label, JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidEnvelope(label + " is required");
        }
        if (!node.isTextual()) {
            throw new InvalidEnvelope(label + " must be a string");
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            throw new InvalidEnvelope(label + " must not be empty");
        }
        return value;
    }

    private static String optionalString(JsonNode parent, String field, int maxLength) {
        return optionalString(parent, field, field, maxLength);
    }

    private static String optionalString(JsonNode parent, String field, String label, int maxLength) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEnvelope(label + " must be a string");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            throw new InvalidEnvelope(label + " is longer than " + maxLength + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static String checkUtf8(byte[] record) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(record);
        try {
            decoder.decode(in);
            return null;
        } catch (CharacterCodingException e) {
            return "invalid UTF-8 near byte " + in.position();
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static ParseResult rejected(String reason) {
        return new ParseResult.Rejected(reason);
    }

    /** Thrown inside the parser only, to unwind validation with its reason. */
    private static final class InvalidEnvelope extends RuntimeException {
        InvalidEnvelope(String message) {
            super(message, null, false, false);
        }
    }
}
