package io.earshot.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;

import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;

class NdjsonReaderTest {

    private static final String POST_1 = envelope(1);
    private static final String POST_2 = envelope(2);
    private static final int LIMIT = EnvelopeParser.MAX_RECORD_BYTES;

    @Test
    void eachLineBecomesARecordPositionedByItsLineNumber() throws IOException {
        List<RawPost> posts = readAll(POST_1 + "\n" + POST_2 + "\n");

        assertEquals(List.of("1", "2"), positions(posts));
        assertEquals(POST_1, text(posts.get(0)));
        assertEquals(POST_2, text(posts.get(1)));
        assertNull(posts.get(0).json());
        assertNull(posts.get(0).rejection());
    }

    @Test
    void blankLinesAreSkippedButStillCounted() throws IOException {
        List<RawPost> posts = readAll("\n" + POST_1 + "\n  \t \n\r\n" + POST_2 + "\n\n");

        assertEquals(List.of("2", "5"), positions(posts));
    }

    @Test
    void crlfLineEndingsAreNotPartOfTheRecord() throws IOException {
        List<RawPost> posts = readAll(POST_1 + "\r\n" + POST_2 + "\r\n");

        assertEquals(List.of(POST_1, POST_2), posts.stream().map(NdjsonReaderTest::text).toList());
    }

    @Test
    void carriageReturnInsideALineIsKept() throws IOException {
        assertEquals("a\rb", text(readAll("a\rb\n").get(0)));
    }

    @Test
    void lastLineWithoutANewlineIsRead() throws IOException {
        assertEquals(List.of("1", "2"), positions(readAll(POST_1 + "\n" + POST_2)));
    }

    @Test
    void emptyStreamGivesAnEmptyBatch() throws IOException {
        try (NdjsonReader reader = reader(new byte[0])) {
            assertEquals(List.of(), reader.next(10));
            assertEquals(List.of(), reader.next(10));
        }
    }

    @Test
    void bytesArePassedOnUndecodedForTheParserToJudge() throws IOException {
        byte[] invalid = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] input = Arrays.copyOf(invalid, invalid.length + 1);
        input[invalid.length] = '\n';

        List<RawPost> posts = readAll(input);

        assertArrayEquals(invalid, posts.get(0).bytes());
        assertInstanceOf(ParseResult.Rejected.class, new EnvelopeParser().parse(posts.get(0).bytes()));
    }

    @Test
    void validLinesParseIntoPostsWhileABadLineBetweenThemIsRefused() throws IOException {
        EnvelopeParser parser = new EnvelopeParser();

        List<ParseResult> results = readAll(POST_1 + "\n{not json\n" + POST_2 + "\n").stream()
                .map(post -> parser.parse(post.bytes()))
                .toList();

        assertInstanceOf(ParseResult.Accepted.class, results.get(0));
        assertInstanceOf(ParseResult.Rejected.class, results.get(1));
        assertInstanceOf(ParseResult.Accepted.class, results.get(2));
    }

    @Test
    void lineLongerThanTheLimitBecomesUnreadableWithItsFirstKilobyteAndReadingGoesOn() throws IOException {
        String huge = "{\"text\": \"" + "y".repeat(3 * LIMIT) + "\"}";

        List<RawPost> posts = readAll(POST_1 + "\n" + huge + "\r\n" + POST_2 + "\n");

        RawPost unreadable = posts.get(1);
        assertEquals("2", unreadable.position());
        assertEquals("record is larger than 262144 bytes", unreadable.rejection());
        assertEquals(huge.substring(0, NdjsonReader.PREVIEW_BYTES), unreadable.payload());
        assertNull(unreadable.bytes());
        assertEquals(List.of("1", "2", "3"), positions(posts));
        assertEquals(POST_2, text(posts.get(2)));
    }

    @Test
    void lineOfExactlyTheLimitIsPassedOnEvenWithACrlfEnding() throws IOException {
        String atLimit = "x".repeat(LIMIT);

        List<RawPost> posts = readAll(atLimit + "\r\n" + atLimit + "\n" + atLimit + "x\n" + atLimit + "x\r\n");

        assertEquals(LIMIT, posts.get(0).bytes().length);
        assertEquals(LIMIT, posts.get(1).bytes().length);
        assertEquals(NdjsonReader.OVERSIZED_REASON, posts.get(2).rejection());
        assertEquals(NdjsonReader.OVERSIZED_REASON, posts.get(3).rejection());
    }

    @Test
    void previewOfAnOversizedLineDoesNotEndInAHalfCharacter() throws IOException {
        // 'é' is two bytes; one byte of padding puts a character across the 1 KB boundary.
        String huge = "x" + "é".repeat(LIMIT);

        String preview = readAll(huge + "\n").get(0).payload();

        assertEquals("x" + "é".repeat((NdjsonReader.PREVIEW_BYTES - 1) / 2), preview);
    }

    @Test
    void byteOrderMarkAtTheStartOfTheFileIsDropped() throws IOException {
        List<RawPost> posts = readAll("\uFEFF" + POST_1 + "\n\uFEFF\n");

        assertEquals(POST_1, text(posts.get(0)));
        assertInstanceOf(ParseResult.Accepted.class, new EnvelopeParser().parse(posts.get(0).bytes()));
        assertEquals(2, posts.size(), "a byte order mark after the first line is data");
    }

    @Test
    void byteOrderMarkAloneOnTheFirstLineIsABlankLine() throws IOException {
        assertEquals(List.of("2"), positions(readAll("\uFEFF\n" + POST_1 + "\n")));
    }

    @Test
    void batchesHoldAtMostTheAskedNumberAndAnEmptyBatchEndsTheStream() throws IOException {
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            input.append(envelope(i)).append('\n');
        }
        try (NdjsonReader reader = reader(utf8(input.toString()))) {
            assertEquals(3, reader.next(3).size());
            assertEquals(3, reader.next(3).size());
            assertEquals(List.of("7"), positions(reader.next(3)));
            assertEquals(List.of(), reader.next(3));
        }
    }

    @Test
    void streamThatDeliversAFewBytesAtATimeIsSplitTheSameWay() throws IOException {
        String input = POST_1 + "\r\n\r\n" + "z".repeat(LIMIT + 5) + "\r\n" + POST_2 + "\r\n";

        List<RawPost> trickled;
        try (NdjsonReader reader = new NdjsonReader(new Trickle(utf8(input)))) {
            trickled = drain(reader, 2);
        }

        List<RawPost> whole = readAll(input);
        assertEquals(positions(whole), positions(trickled));
        assertEquals(List.of("1", "3", "4"), positions(trickled));
        assertEquals(POST_2, text(trickled.get(2)));
        assertEquals(NdjsonReader.OVERSIZED_REASON, trickled.get(1).rejection());
    }

    @Test
    void batchSizeBelowOneIsRefused() {
        NdjsonReader reader = reader(new byte[0]);

        assertThrows(IllegalArgumentException.class, () -> reader.next(0));
    }

    @Test
    void closingTheReaderClosesTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new NdjsonReader(in).close();

        assertTrue(closed[0]);
    }

    @Test
    void fiftyMegabytesStreamThroughInBatchesWithoutBeingLoaded() {
        long lines = 250_000;
        long oversizedLine = 100_001;
        String oversized = "{\"text\": \"" + "o".repeat(2 * LIMIT) + "\"}";
        GeneratedInput input = new GeneratedInput(lines, i -> i + 1 == oversizedLine ? oversized
                : "{\"id\": \"" + (i + 1) + "\", \"platform\": \"x\", \"author\": {\"handle\": \"user" + (i % 1000)
                        + "\"}, \"text\": \"" + "padding ".repeat(16) + "@acme #help " + i
                        + "\", \"created_at\": \"2017-10-31T22:10:47Z\"}");

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long records = 0;
            long unreadable = 0;
            try (NdjsonReader reader = new NdjsonReader(input)) {
                List<RawPost> first = reader.next(500);
                assertTrue(input.served() < 1024 * 1024,
                        "the first batch must not wait for the whole stream; read " + input.served());
                records += first.size();
                for (List<RawPost> batch = reader.next(500); !batch.isEmpty(); batch = reader.next(500)) {
                    records += batch.size();
                    for (RawPost post : batch) {
                        if (post.rejection() != null) {
                            unreadable++;
                            assertEquals(Long.toString(oversizedLine), post.position());
                        }
                    }
                }
            }
            assertEquals(lines, records);
            assertEquals(1, unreadable);
            assertTrue(input.served() > 50_000_000L, "generated " + input.served() + " bytes");
        });
    }

    static String envelope(long id) {
        return "{\"id\": \"" + id + "\", \"platform\": \"x\", \"author\": {\"handle\": \"jane\"},"
                + " \"text\": \"post " + id + "\", \"created_at\": \"2017-10-31T22:10:47Z\"}";
    }

    private static NdjsonReader reader(byte[] input) {
        return new NdjsonReader(new ByteArrayInputStream(input));
    }

    private static List<RawPost> readAll(String input) throws IOException {
        return readAll(utf8(input));
    }

    private static List<RawPost> readAll(byte[] input) throws IOException {
        try (NdjsonReader reader = reader(input)) {
            return drain(reader, 100);
        }
    }

    private static List<RawPost> drain(NdjsonReader reader, int batchSize) throws IOException {
        List<RawPost> all = new ArrayList<>();
        for (List<RawPost> batch = reader.next(batchSize); !batch.isEmpty(); batch = reader.next(batchSize)) {
            all.addAll(batch);
        }
        return all;
    }

    private static List<String> positions(List<RawPost> posts) {
        return posts.stream().map(RawPost::position).toList();
    }

    private static String text(RawPost post) {
        return new String(post.bytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out one to three bytes a read, so lines and CRLFs straddle every possible boundary. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int position;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + position % 3), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /**
     * An input stream of {@code count} lines made up as they are read, each ended by {@code \n}, so a
     * test can feed tens of megabytes without ever holding them; {@link #served()} tells how far a
     * reader has read.
     */
    static final class GeneratedInput extends InputStream {
        private final long count;
        private final LongFunction<String> line;
        private long next;
        private byte[] current = new byte[0];
        private int position;
        private long served;

        GeneratedInput(long count, LongFunction<String> line) {
            this.count = count;
            this.line = line;
        }

        long served() {
            return served;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == current.length) {
                if (next == count) {
                    return -1;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(line.apply(next++).getBytes(StandardCharsets.UTF_8));
                bytes.write('\n');
                current = bytes.toByteArray();
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            served += n;
            return n;
        }
    }
}
