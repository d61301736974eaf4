package io.earshot.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the CSV layout of the public "Customer Support on Twitter" data set (twcs) and turns each row
 * into a post envelope, a batch at a time, in constant memory whatever the file's size.
 *
 * <p>The header names the columns {@code tweet_id, author_id, inbound, created_at, text,
 * response_tweet_id, in_response_to_tweet_id}; they are found by name, in any order, so a leading
 * unnamed index column (pandas' {@code Unnamed: 0}) or extra columns do no harm. {@code tweet_id},
 * {@code author_id}, {@code created_at} and {@code text} are required: without them the constructor
 * throws {@link IllegalArgumentException} before any row.
 *
 * <p>Exports that went through spreadsheet tools are messy, and the reader takes them as they are:
 * ids written as floats ({@code 119237.0}, {@code 1.19237E5}) become integer strings, an empty
 * parent id means no parent, quoted text may hold line breaks, {@code inbound} is {@code True} or
 * {@code False} in any case, and {@code created_at} is Twitter's {@code Tue Oct 31 22:10:47 +0000
 * 2017} (ISO-8601 with an offset is also taken). Each row becomes
 * {@code RawPost.ofJson("row N", envelope)}, N counting data rows from 1, where the envelope is
 * <pre>{"id", "platform", "author": {"handle"}, "text", "created_at", "in_reply_to"?,
 *  "direction"?, "twcs": {"response_tweet_id"}?}</pre>
 * and {@code direction} is {@code outbound} for {@code inbound=False}, {@code inbound} for
 * {@code True}, and absent when the column is absent or empty (the brand's handles then decide).
 * The envelope is validated later by {@link io.earshot.post.EnvelopeParser}, like any other.
 *
 * <p>A row the reader cannot convert (wrong number of fields, an id that is not an integer, a date it
 * cannot read, an {@code inbound} that is neither true nor false) becomes {@link RawPost#unreadable}
 * with the reason and the row re-written as CSV, at most {@value #MAX_PAYLOAD_BYTES} bytes; reading
 * goes on with the next row. Only a broken file stops it: an I/O error, or a row running on for more
 * than {@value #MAX_ROW_CHARS} characters (a quote left open swallows the rest of the file, and
 * following it would load the file into memory).
 *
 * <p>Not thread-safe. Closing the reader closes the underlying reader or stream.
 */
public final class TwcsReader implements RecordSource {

    /** The platform the envelopes name unless the constructor says otherwise. */
    public static final String DEFAULT_PLATFORM = "x";
    /** Largest dead-letter payload of an unreadable row, in bytes of UTF-8. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /**
     * How far, in characters, the parser may read past the start of the last row it returned before
     * the file is taken to be broken; no real row comes near it.
     */
    public static final int MAX_ROW_CHARS = 4 * 1024 * 1024;

    static final String TWEET_ID = "tweet_id";
    static final String AUTHOR_ID = "author_id";
    static final String INBOUND = "inbound";
    static final String CREATED_AT = "created_at";
    static final String TEXT = "text";
    static final String RESPONSE_TWEET_ID = "response_tweet_id";
    static final String IN_RESPONSE_TO_TWEET_ID = "in_response_to_tweet_id";

    private static final List<String> REQUIRED = List.of(TWEET_ID, AUTHOR_ID, CREATED_AT, TEXT);
    private static final List<String> KNOWN = List.of(TWEET_ID, AUTHOR_ID, INBOUND, CREATED_AT, TEXT,
            RESPONSE_TWEET_ID, IN_RESPONSE_TO_TWEET_ID);

    // Lenient on purpose: a stray quote or an unterminated last field is data, not a reason to stop.
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setTrailingData(true)
            .setLenientEof(true)
            .get();
    private static final DateTimeFormatter TWITTER_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEE MMM d HH:mm:ss Z yyyy")
            .toFormatter(Locale.ENGLISH);
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|[1-9][0-9]{0,39}");
    private static final int MAX_ID_DIGITS = 40;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String platform;
    private final RowSizeGuard guard;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<String, Integer> columns;
    private final int headerSize;
    private long rowNumber;

    /** Reads UTF-8 from {@code in}, naming platform {@value #DEFAULT_PLATFORM}. */
    public TwcsReader(InputStream in) throws IOException {
        this(in, DEFAULT_PLATFORM);
    }

    /**
     * Reads UTF-8 from {@code in}; malformed bytes become U+FFFD rather than ending the import.
     *
     * @throws IllegalArgumentException when the header lacks a required column, or there is no header
     */
    public TwcsReader(InputStream in, String platform) throws IOException {
        this(new InputStreamReader(Objects.requireNonNull(in, "in"), StandardCharsets.UTF_8), platform);
    }

    /**
     * Reads the CSV from {@code reader}, naming {@code platform} in every envelope.
     *
     * @throws IllegalArgumentException when the header lacks a required column, or there is no header
     * @throws IOException when the header cannot be read
     */
    public TwcsReader(Reader reader, String platform) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(platform, "platform");
        if (platform.isBlank()) {
            throw new IllegalArgumentException("platform must not be blank");
        }
        this.platform = platform.strip();
        this.guard = new RowSizeGuard(reader);
        this.parser = CSVParser.builder().setReader(guard).setFormat(FORMAT).get();
        this.records = parser.iterator();
        try {
            List<String> header = readHeader();
            this.headerSize = header.size();
            this.columns = columns(header);
        } catch (IOException | RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    @Override
    public RawPost read() throws IOException {
        CSVRecord record = nextRecord();
        return record == null ? null : toRawPost(record);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private CSVRecord nextRecord() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            guard.rowStartsAt(record.getCharacterPosition());
            return record;
        } catch (UncheckedIOException e) {
            throw new IOException("twcs CSV cannot be read after row " + rowNumber + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private List<String> readHeader() throws IOException {
        CSVRecord header = nextRecord();
        if (header == null) {
            throw new IllegalArgumentException("twcs CSV is empty; expected a header naming " + REQUIRED);
        }
        return header.toList();
    }

    /** Maps each known column to its index, refusing a header that lacks a required one. */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            // A UTF-8 byte order mark decodes to U+FEFF at the start of the first name.
            String name = header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (KNOWN.contains(name) && columns.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException("twcs CSV header names column " + name + " twice");
            }
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("twcs CSV header lacks required column(s) "
                    + String.join(", ", missing) + "; found " + abbreviate(String.join(",", header), 200));
        }
        return Map.copyOf(columns);
    }

    private RawPost toRawPost(CSVRecord record) {
        String position = "row " + ++rowNumber;
        if (record.size() != headerSize) {
            return unreadable(position, "row has " + record.size() + " fields; the header has " + headerSize,
                    record);
        }
        try {
            return RawPost.ofJson(position, envelope(record));
        } catch (UnreadableRow e) {
            return unreadable(position, e.getMessage(), record);
        }
    }

    private ObjectNode envelope(CSVRecord record) {
        ObjectNode envelope = JSON.objectNode();
        envelope.put("id", requiredId(TWEET_ID, value(record, TWEET_ID)));
        envelope.put("platform", platform);
        envelope.putObject("author").put("handle", handle(value(record, AUTHOR_ID)));
        envelope.put("text", value(record, TEXT));
        envelope.put("created_at", createdAt(value(record, CREATED_AT)));
        String parent = optionalId(IN_RESPONSE_TO_TWEET_ID, value(record, IN_RESPONSE_TO_TWEET_ID));
        if (parent != null) {
            envelope.put("in_reply_to", parent);
        }
        String direction = direction(value(record, INBOUND));
        if (direction != null) {
            envelope.put("direction", direction);
        }
        String responses = responses(value(record, RESPONSE_TWEET_ID));
        if (responses != null) {
            envelope.putObject("twcs").put("response_tweet_id", responses);
        }
        return envelope;
    }

    /** The column's value, or {@code null} when the file has no such column. */
    private String value(CSVRecord record, String column) {
        Integer index = columns.get(column);
        return index == null ? null : record.get(index);
    }

    private static String requiredId(String column, String value) {
        String id = optionalId(column, value);
        if (id == null) {
            throw new UnreadableRow(column + " is empty");
        }
        return id;
    }

    private static String optionalId(String column, String value) {
        if (isAbsent(value)) {
            return null;
        }
        String id = integer(value);
        if (id == null) {
            throw new UnreadableRow(column + " is not an integer id: " + abbreviate(value, 40));
        }
        return id;
    }

    /** Author ids are handles, but numeric ones may have been turned into floats on the way. */
    private static String handle(String value) {
        String handle = value.strip();
        // Handles never contain '.', so one that does and reads as an integer was a float.
        if (handle.indexOf('.') >= 0) {
            String integer = integer(handle);
            return integer == null ? handle : integer;
        }
        return handle;
    }

    private static String createdAt(String value) {
        String date = value.strip();
        try {
            return DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(date, TWITTER_DATE));
        } catch (DateTimeParseException notTwitters) {
            try {
                return DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(date.replace(' ', 'T')));
            } catch (DateTimeParseException notIso) {
                throw new UnreadableRow("created_at is not a date like Tue Oct 31 22:10:47 +0000 2017: "
                        + abbreviate(value, 40));
            }
        }
    }

    private static String direction(String value) {
        if (isAbsent(value)) {
            return null;
        }
        String inbound = value.strip();
        if (inbound.equalsIgnoreCase("true")) {
            return "inbound";
        }
        if (inbound.equalsIgnoreCase("false")) {
            return "outbound";
        }
        throw new UnreadableRow("inbound must be True or False, not " + abbreviate(value, 40));
    }

    /** A comma-separated list of ids; informational, so kept as written when it does not parse. */
    private static String responses(String value) {
        if (isAbsent(value)) {
            return null;
        }
        StringJoiner ids = new StringJoiner(",");
        for (String part : value.split(",")) {
            String id = integer(part);
            ids.add(id == null ? part.strip() : id);
        }
        return ids.toString();
    }

    /**
     * The canonical integer string for an id written as an integer or as an integral decimal
     * ({@code 3.0}, {@code 1.19237E5}), or {@code null} when it is neither.
     */
    static String integer(String value) {
        String text = value.strip();
        if (CANONICAL_INTEGER.matcher(text).matches()) {
            return text;
        }
        if (text.isEmpty() || text.length() > 2 * MAX_ID_DIGITS) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text);
            // Checked before conversion: 1E999999999 is a valid decimal and an enormous integer.
            if (number.signum() < 0 || (long) number.precision() - number.scale() > MAX_ID_DIGITS) {
                return null;
            }
            return number.toBigIntegerExact().toString();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Empty, or pandas' spelling of a missing value. */
    private static boolean isAbsent(String value) {
        return value == null || value.isBlank() || value.strip().equalsIgnoreCase("nan");
    }

    private static RawPost unreadable(String position, String reason, CSVRecord record) {
        return RawPost.unreadable(position, reason, truncate(FORMAT.format((Object[]) record.values())));
    }

    /** Cuts {@code text} to at most {@link #MAX_PAYLOAD_BYTES} bytes of UTF-8, between code points. */
    static String truncate(String text) {
        if ((long) text.length() * 3 <= MAX_PAYLOAD_BYTES) {
            return text;
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > MAX_PAYLOAD_BYTES) {
                return text.substring(0, i);
            }
            i += Character.charCount(codePoint);
        }
        return text;
    }

    private static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }

    /** Unwinds the conversion of one row with the reason it failed. */
    private static final class UnreadableRow extends RuntimeException {
        UnreadableRow(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Stops the parser once it has read more than {@link #MAX_ROW_CHARS} characters past the start of
     * the last row it returned, so a quote left open cannot pull the whole file into one field.
     */
    private static final class RowSizeGuard extends FilterReader {

        private long charactersRead;
        private long rowStart;

        RowSizeGuard(Reader in) {
            super(in);
        }

        void rowStartsAt(long characterPosition) {
            rowStart = characterPosition;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                counted(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int read) throws IOException {
            charactersRead += read;
            if (charactersRead - rowStart > MAX_ROW_CHARS) {
                throw new IOException("a row runs on for more than " + MAX_ROW_CHARS
                        + " characters; is a quote left open?");
            }
        }
    }
}
