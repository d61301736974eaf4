package io.earshot.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import io.earshot.post.EnvelopeParser;

/**
 * Reads newline-delimited JSON (one post envelope a line) from a stream, a batch at a time, without
 * holding more than one line in memory, so an import of any size runs in constant memory.
 *
 * <p>Each non-blank line becomes {@link RawPost#ofBytes} with its 1-based line number as position;
 * blank lines (spaces and tabs only) are skipped but counted. Lines are split on {@code \n}; a
 * {@code \r} before it is dropped, as is a byte order mark opening the stream. Bytes are handed on
 * undecoded: {@link EnvelopeParser} checks UTF-8 and JSON, so a bad line is refused there with its
 * reason while the lines around it still go through. A line longer than {@link EnvelopeParser#MAX_RECORD_BYTES}
 * is never buffered whole: the reader keeps its first kilobyte for the dead letter, skips to the
 * next newline and yields {@link RawPost#unreadable}.
 *
 * <p>Not thread-safe. Closing the reader closes the stream.
 */
public final class NdjsonReader implements RecordSource {

    /** How much of an oversized line is kept, in bytes, as the dead letter's payload. */
    public static final int PREVIEW_BYTES = 1024;

    static final String OVERSIZED_REASON =
            "record is larger than " + EnvelopeParser.MAX_RECORD_BYTES + " bytes";

    private static final int CHUNK_BYTES = 64 * 1024;
    // Room for the largest accepted record plus the '\r' of a CRLF ending.
    private static final int MAX_KEPT_BYTES = EnvelopeParser.MAX_RECORD_BYTES + 1;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int chunkPosition;
    private int chunkLimit;
    private boolean endOfStream;

    private byte[] line = new byte[8 * 1024];
    private int kept;
    private long lineLength;
    private long lineNumber;

    /** Reads from {@code in}, which this reader closes when it is closed. */
    public NdjsonReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public RawPost read() throws IOException {
        return nextPost();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private RawPost nextPost() throws IOException {
        while (readLine()) {
            lineNumber++;
            String position = Long.toString(lineNumber);
            long length = contentLength();
            if (length > EnvelopeParser.MAX_RECORD_BYTES) {
                return RawPost.unreadable(position, OVERSIZED_REASON, preview());
            }
            // Windows tools start UTF-8 files with a byte order mark; it is not part of the record.
            int start = lineNumber == 1 && startsWithByteOrderMark((int) length) ? UTF8_BOM.length : 0;
            if (!isBlank(start, (int) length)) {
                return RawPost.ofBytes(position, Arrays.copyOfRange(line, start, (int) length));
            }
        }
        return null;
    }

    /** Reads the next line into {@link #line}; false when the stream has no more lines. */
    private boolean readLine() throws IOException {
        kept = 0;
        lineLength = 0;
        boolean sawAnything = false;
        while (true) {
            if (chunkPosition == chunkLimit && !fillChunk()) {
                return sawAnything;
            }
            sawAnything = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkLimit : newline;
            keep(chunkPosition, end - chunkPosition);
            chunkPosition = newline < 0 ? chunkLimit : newline + 1;
            if (newline >= 0) {
                return true;
            }
        }
    }

    private int indexOfNewline() {
        for (int i = chunkPosition; i < chunkLimit; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Appends to the line, but never beyond what an accepted record could need. */
    private void keep(int from, int length) {
        lineLength += length;
        int room = MAX_KEPT_BYTES - kept;
        int take = Math.min(length, room);
        if (take <= 0) {
            return;
        }
        if (kept + take > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_KEPT_BYTES, Math.max(kept + take, line.length * 2)));
        }
        System.arraycopy(chunk, from, line, kept, take);
        kept += take;
    }

    private boolean fillChunk() throws IOException {
        if (endOfStream) {
            return false;
        }
        int read;
        do {
            read = in.read(chunk, 0, chunk.length);
        } while (read == 0);
        if (read < 0) {
            endOfStream = true;
            return false;
        }
        chunkPosition = 0;
        chunkLimit = read;
        return true;
    }

    /** The line's length without a CRLF's '\r'; only the kept bytes can be inspected for it. */
    private long contentLength() {
        if (lineLength > 0 && lineLength == kept && line[kept - 1] == '\r') {
            return lineLength - 1;
        }
        return lineLength;
    }

    private boolean startsWithByteOrderMark(int length) {
        return length >= UTF8_BOM.length && Arrays.equals(line, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The first kilobyte as text, cut before a split UTF-8 sequence so it does not end in garbage. */
    private String preview() {
        int cut = Math.min(PREVIEW_BYTES, kept);
        if (cut < kept) {
            while (cut > 0 && (line[cut] & 0xC0) == 0x80) {
                cut--;
            }
        }
        return new String(line, 0, cut, StandardCharsets.UTF_8);
    }
}
