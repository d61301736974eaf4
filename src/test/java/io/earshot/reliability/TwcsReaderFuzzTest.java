package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.earshot.ingest.RawPost;
import io.earshot.ingest.TwcsReader;
import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;

/**
 * Coverage-guided fuzzing of the twcs CSV importer: any file is read row by row into envelopes or
 * refusals with a reason, and only the documented failures escape (a header without the required
 * columns, a broken file). Every envelope it makes goes through {@link EnvelopeParser} without an exception.
 */
class TwcsReaderFuzzTest {

    private static final EnvelopeParser PARSER = new EnvelopeParser();
    private static final String HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,"
            + "in_response_to_tweet_id\n";

    @FuzzTest(maxExecutions = 30_000, maxDuration = "30s")
    @DictionaryEntries({"tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id",
            "in_response_to_tweet_id", "True", "False", "nan", "Tue Oct 31 22:10:47 +0000 2017", "1.19237E5", "\"",
            "\"\"", ",,"})
    void anyCsvBecomesEnvelopesOrRefusalsWithReasons(byte[] data) {
        // Half the inputs get a valid header, so the fuzzer spends its time on rows as well as on headers.
        byte[] file = data.length > 0 && (data[0] & 1) == 0 ? withHeader(data) : data;
        TwcsReader reader;
        try {
            reader = new TwcsReader(new ByteArrayInputStream(file));
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage(), "a refused header says why");
            return;
        } catch (IOException e) {
            return;
        }
        try (reader) {
            int rows = 0;
            for (RawPost row = reader.read(); row != null; row = reader.read()) {
                assertTrue(++rows <= file.length + 1, "no more rows than bytes");
                if (row.rejection() != null) {
                    assertFalse(row.rejection().isBlank(), "an unreadable row has a reason");
                    assertNull(row.json());
                    assertTrue(row.payload().getBytes(StandardCharsets.UTF_8).length <= TwcsReader.MAX_PAYLOAD_BYTES,
                            "dead-letter payload is bounded");
                } else {
                    assertNotNull(row.json().get("id"));
                    ParseResult result = PARSER.parse(row.json());
                    if (result instanceof ParseResult.Accepted accepted) {
                        EnvelopeParserFuzzTest.assertInvariants(accepted.post());
                    }
                }
            }
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "a broken file says where");
        }
    }

    private static byte[] withHeader(byte[] data) {
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[header.length + data.length - 1];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(data, 1, file, header.length, data.length - 1);
        return file;
    }
}
