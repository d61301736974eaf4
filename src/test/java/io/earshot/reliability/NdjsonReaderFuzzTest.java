package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.earshot.ingest.NdjsonReader;
import io.earshot.ingest.RawPost;
import io.earshot.post.EnvelopeParser;

/**
 * Coverage-guided fuzzing of the NDJSON reader: any stream splits into records that hold no newline and
 * are never larger than an envelope may be, oversized lines become refusals with a bounded preview, and
 * the records never add up to more bytes than arrived.
 */
class NdjsonReaderFuzzTest {

    @FuzzTest(maxExecutions = 30_000, maxDuration = "30s")
    void anyStreamSplitsIntoBoundedRecordsOrRefusals(byte[] data) throws IOException {
        long total = 0;
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(data))) {
            for (RawPost r = reader.read(); r != null; r = reader.read()) {
                if (r.rejection() != null) {
                    assertTrue(r.payload().getBytes(StandardCharsets.UTF_8).length <= NdjsonReader.PREVIEW_BYTES * 2,
                            "preview is bounded");
                    continue;
                }
                assertTrue(r.bytes().length > 0 && r.bytes().length <= EnvelopeParser.MAX_RECORD_BYTES, "size");
                for (byte b : r.bytes()) {
                    assertTrue(b != '\n', "no newline inside a record");
                }
                total += r.bytes().length;
            }
        }
        assertTrue(total <= data.length, "records never hold more than arrived");
        if (data.length == 0) {
            assertEquals(0, total);
        }
    }
}
