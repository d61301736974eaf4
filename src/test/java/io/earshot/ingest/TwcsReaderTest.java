package io.earshot.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;
import io.earshot.post.Post;

class TwcsReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER =
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
    // The first rows of the public data set, as pandas writes them back out: parent ids as floats.
    private static final String SPRINT_REPLY = "1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,"
            + "@115712 I understand. I would like to assist you.,2,3.0\n";
    private static final String CUSTOMER_FOLLOW_UP = "2,115712,True,Tue Oct 31 22:11:45 +0000 2017,"
            + "@sprintcare and how do you propose we do that,,1.0\n";
    private static final String CUSTOMER_OPENER = "3,115712,True,Tue Oct 31 22:08:27 +0000 2017,"
            + "@sprintcare I have sent several private messages and no one is responding as usual,1,\n";

    @Test
    void rowBecomesAPostEnvelope() throws Exception {
        RawPost post = readAll(HEADER + SPRINT_REPLY).get(0);

        assertEquals("row 1", post.position());
        assertEquals(JSON.readTree("""
                {"id": "1", "platform": "x", "author": {"handle": "sprintcare"},
                 "text": "@115712 I understand. I would like to assist you.",
                 "created_at": "2017-10-31T22:10:47Z", "in_reply_to": "3", "direction": "outbound",
                 "twcs": {"response_tweet_id": "2"}}
                """), post.json());
        assertNull(post.bytes());
        assertNull(post.rejection());
    }

    @Test
    void envelopesPassTheEnvelopeParser() throws IOException {
        List<Post> posts = accepted(readAll(HEADER + SPRINT_REPLY + CUSTOMER_FOLLOW_UP + CUSTOMER_OPENER));

        assertEquals(List.of("1", "2", "3"), posts.stream().map(Post::externalId).toList());
        assertEquals(Boolean.TRUE, posts.get(0).outbound());
        assertEquals(Boolean.FALSE, posts.get(1).outbound());
        assertEquals("1", posts.get(1).inReplyTo());
        assertNull(posts.get(2).inReplyTo(), "an empty in_response_to_tweet_id means no parent");
        assertEquals(List.of("sprintcare"), posts.get(1).entities().mentions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Unnamed: 0", "index"})
    void leadingIndexColumnIsIgnored(String indexName) throws IOException {
        String csv = indexName + "," + HEADER + "0," + SPRINT_REPLY + "1," + CUSTOMER_FOLLOW_UP;

        List<RawPost> posts = readAll(csv);

        assertEquals(List.of("1", "2"), posts.stream().map(post -> post.json().get("id").asText()).toList());
        assertEquals("sprintcare", posts.get(0).json().at("/author/handle").asText());
    }

    @Test
    void columnsAreFoundByNameInAnyOrder() throws IOException {
        String csv = "text,in_response_to_tweet_id,created_at,author_id,tweet_id\n"
                + "hello @acme,7,Tue Oct 31 22:10:47 +0000 2017,jane,8\n";

        JsonNode envelope = readAll(csv).get(0).json();

        assertEquals("8", envelope.get("id").asText());
        assertEquals("jane", envelope.at("/author/handle").asText());
        assertEquals("hello @acme", envelope.get("text").asText());
        assertEquals("7", envelope.get("in_reply_to").asText());
        assertFalse(envelope.has("direction"), "without an inbound column the brand's handles decide");
        assertFalse(envelope.has("twcs"));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCaseSpacingOrByteOrderMark() throws IOException {
        String csv = "\uFEFF Tweet_ID , AUTHOR_ID,Created_At,Text\n5,jane,Tue Oct 31 22:10:47 +0000 2017,hi\n";

        assertEquals("5", readAll(csv).get(0).json().get("id").asText());
    }

    @ParameterizedTest
    @CsvSource({"3.0, 3", "119237.0, 119237", "1.19237E5, 119237", "1.19237e+5, 119237", "119237, 119237",
        "' 42 ', 42", "007, 7", "9.23456789012345678E17, 923456789012345678"})
    void idsWrittenAsFloatsBecomeIntegerStrings(String written, String id) throws IOException {
        String csv = HEADER + written + ",jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,\n";

        JsonNode envelope = readAll(csv).get(0).json();

        assertEquals(id, envelope.get("id").asText());
    }

    @Test
    void parentAndResponseIdsWrittenAsFloatsBecomeIntegerStrings() throws IOException {
        String csv = HEADER + "10,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,\"119237.0,1.19238E5\",9.0\n";

        JsonNode envelope = readAll(csv).get(0).json();

        assertEquals("9", envelope.get("in_reply_to").asText());
        assertEquals("119237,119238", envelope.at("/twcs/response_tweet_id").asText());
    }

    @Test
    void numericAuthorIdWrittenAsAFloatBecomesAnIntegerHandle() throws IOException {
        String csv = HEADER + "10,115712.0,True,Tue Oct 31 22:10:47 +0000 2017,hi,,\n"
                + "11,Ask_Spectrum,False,Tue Oct 31 22:10:47 +0000 2017,hi,,\n";

        List<RawPost> posts = readAll(csv);

        assertEquals("115712", posts.get(0).json().at("/author/handle").asText());
        assertEquals("Ask_Spectrum", posts.get(1).json().at("/author/handle").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nan", "NaN", "  "})
    void missingParentMeansNoParent(String parent) throws IOException {
        String csv = HEADER + "10,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,," + parent + "\n";

        assertFalse(readAll(csv).get(0).json().has("in_reply_to"));
    }

    @Test
    void quotedTextKeepsItsNewlinesAndBareCarriageReturns() throws IOException {
        String text = "line one\nline two\rline three\r\n\"quoted\", with comma";
        String csv = HEADER + "10,jane,True,Tue Oct 31 22:10:47 +0000 2017,\""
                + text.replace("\"", "\"\"") + "\",,\n" + CUSTOMER_FOLLOW_UP;

        List<RawPost> posts = readAll(csv);

        assertEquals(text, posts.get(0).json().get("text").asText());
        assertEquals(List.of("row 1", "row 2"), positions(posts));
        assertEquals("2", posts.get(1).json().get("id").asText());
    }

    @Test
    void crlfRowEndingsAreNotPartOfTheLastField() throws IOException {
        String csv = (HEADER + SPRINT_REPLY + CUSTOMER_OPENER).replace("\n", "\r\n");

        List<RawPost> posts = readAll(csv);

        assertEquals("3", posts.get(0).json().get("in_reply_to").asText());
        assertFalse(posts.get(1).json().has("in_reply_to"));
    }

    @ParameterizedTest
    @CsvSource({"False, outbound", "false, outbound", "FALSE, outbound", "True, inbound", "true, inbound"})
    void inboundFlagSetsTheDirectionInAnyCase(String inbound, String direction) throws IOException {
        String csv = HEADER + "10,jane," + inbound + ",Tue Oct 31 22:10:47 +0000 2017,hi,,\n";

        assertEquals(direction, readAll(csv).get(0).json().get("direction").asText());
    }

    @Test
    void emptyInboundLeavesTheDirectionOpen() throws IOException {
        String csv = HEADER + "10,jane,,Tue Oct 31 22:10:47 +0000 2017,hi,,\n";

        assertFalse(readAll(csv).get(0).json().has("direction"));
    }

    @Test
    void rowWithABadDateBecomesUnreadableAndTheNextRowIsStillRead() throws IOException {
        String csv = HEADER + SPRINT_REPLY
                + "2,115712,True,31/10/2017 22:11,@sprintcare and how do you propose we do that,,1.0\n"
                + CUSTOMER_OPENER;

        List<RawPost> posts = readAll(csv);

        assertEquals(List.of("row 1", "row 2", "row 3"), positions(posts));
        RawPost bad = posts.get(1);
        assertNull(bad.json());
        assertEquals("created_at is not a date like Tue Oct 31 22:10:47 +0000 2017: 31/10/2017 22:11",
                bad.rejection());
        assertEquals("2,115712,True,31/10/2017 22:11,@sprintcare and how do you propose we do that,,1.0",
                bad.payload());
        assertEquals("3", posts.get(2).json().get("id").asText());
    }

    @Test
    void dateInIsoFormIsAlsoTaken() throws IOException {
        String csv = HEADER + "10,jane,True,2017-10-31 22:10:47+00:00,hi,,\n"
                + "11,jane,True,2017-10-31T23:10:47+01:00,hi,,\n";

        List<RawPost> posts = readAll(csv);

        assertEquals("2017-10-31T22:10:47Z", posts.get(0).json().get("created_at").asText());
        assertEquals("2017-10-31T22:10:47Z", posts.get(1).json().get("created_at").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,   | tweet_id is not an integer id: abc",
        ",jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,      | tweet_id is empty",
        "3.5,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,   | tweet_id is not an integer id: 3.5",
        "-3,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,    | tweet_id is not an integer id: -3",
        "1E999999999,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,, | tweet_id is not an integer id: 1E999999999",
        "4,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,x1   | in_response_to_tweet_id is not an integer id: x1",
        "4,jane,maybe,Tue Oct 31 22:10:47 +0000 2017,hi,,    | inbound must be True or False, not maybe",
        "4,jane,True,Wed Oct 31 22:10:47 +0000 2017,hi,,     "
            + "| created_at is not a date like Tue Oct 31 22:10:47 +0000 2017: Wed Oct 31 22:10:47 +0000 2017",
        "4,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi       | row has 5 fields; the header has 7",
        "4,jane,True,Tue Oct 31 22:10:47 +0000 2017,hi,,,,   | row has 9 fields; the header has 7",
    })
    void rowTheReaderCannotConvertBecomesUnreadableWithTheReason(String row, String reason) throws IOException {
        List<RawPost> posts = readAll(HEADER + row.strip() + "\n" + CUSTOMER_FOLLOW_UP);

        assertEquals(reason, posts.get(0).rejection());
        assertEquals(fields(row.strip()), fields(posts.get(0).payload()), "the payload is the row as CSV");
        assertEquals("2", posts.get(1).json().get("id").asText(), "the next row is still read");
    }

    @Test
    void unreadableRowPayloadIsBoundedTo64Kilobytes() throws IOException {
        String csv = HEADER + "x,jane,True,Tue Oct 31 22:10:47 +0000 2017," + "é".repeat(100_000) + ",,\n";

        String payload = readAll(csv).get(0).payload();

        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length <= TwcsReader.MAX_PAYLOAD_BYTES);
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length > TwcsReader.MAX_PAYLOAD_BYTES - 4);
        assertTrue(payload.startsWith("x,jane,True,"));
    }

    @Test
    void headerLackingRequiredColumnsIsRefusedNamingThem() {
        String csv = "tweet_id,author_id,inbound,response_tweet_id\n1,jane,True,\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> readAll(csv));

        assertTrue(e.getMessage().contains("created_at, text"), e.getMessage());
    }

    @Test
    void fileWithTheWrongDelimiterIsRefusedAtTheHeader() {
        String csv = HEADER.replace(',', ';') + "1;jane;True;Tue Oct 31 22:10:47 +0000 2017;hi;;\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> readAll(csv));

        assertTrue(e.getMessage().contains("tweet_id, author_id, created_at, text"), e.getMessage());
    }

    @Test
    void headerNamingAColumnTwiceIsRefused() {
        String csv = "tweet_id,author_id,created_at,text,text\n";

        assertThrows(IllegalArgumentException.class, () -> readAll(csv));
    }

    @Test
    void emptyFileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> readAll(""));
    }

    @Test
    void headerWithoutRowsGivesNoRecords() throws IOException {
        assertEquals(List.of(), readAll(HEADER));
    }

    @Test
    void blankLinesBetweenRowsAreSkippedWithoutCounting() throws IOException {
        assertEquals(List.of("row 1", "row 2"), positions(readAll(HEADER + "\n" + SPRINT_REPLY + "\n\n"
                + CUSTOMER_FOLLOW_UP)));
    }

    @Test
    void platformNameComesFromTheConstructor() throws IOException {
        try (TwcsReader reader = new TwcsReader(new StringReader(HEADER + SPRINT_REPLY), "twitter")) {
            assertEquals("twitter", reader.next(10).get(0).json().get("platform").asText());
        }
    }

    @Test
    void blankPlatformIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TwcsReader(new StringReader(HEADER), " "));
    }

    @Test
    void malformedUtf8BecomesReplacementCharactersRatherThanStoppingTheImport() throws IOException {
        byte[] head = (HEADER + "10,jane,True,Tue Oct 31 22:10:47 +0000 2017,caf").getBytes(StandardCharsets.UTF_8);
        byte[] csv = new byte[head.length + 4];
        System.arraycopy(head, 0, csv, 0, head.length);
        csv[head.length] = (byte) 0xE9;
        csv[head.length + 1] = ',';
        csv[head.length + 2] = ',';
        csv[head.length + 3] = '\n';

        try (TwcsReader reader = new TwcsReader(new ByteArrayInputStream(csv))) {
            assertEquals("caf\uFFFD", reader.next(10).get(0).json().get("text").asText());
        }
    }

    @Test
    void quoteLeftOpenStopsTheReaderInsteadOfSwallowingTheFile() {
        long rows = 60_000;
        NdjsonReaderTest.GeneratedInput input = new NdjsonReaderTest.GeneratedInput(rows, i -> i == 0
                ? HEADER.strip()
                : i == 1 ? "1,jane,True,Tue Oct 31 22:10:47 +0000 2017,\"an open quote,,"
                : i + ",jane,True,Tue Oct 31 22:10:47 +0000 2017," + "padding ".repeat(12) + ",,");

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (TwcsReader reader = new TwcsReader(input)) {
                IOException e = assertThrows(IOException.class, () -> reader.next(100));
                assertTrue(e.getMessage().contains("quote left open"), e.getMessage());
            }
            assertTrue(input.served() < 2L * TwcsReader.MAX_ROW_CHARS, "read " + input.served());
        });
    }

    @Test
    void longRowWellWithinTheGuardIsStillRead() throws IOException {
        String text = "long ".repeat(TwcsReader.MAX_ROW_CHARS / 20);
        String csv = HEADER + SPRINT_REPLY + "10,jane,True,Tue Oct 31 22:10:47 +0000 2017,\"" + text + "\",,\n"
                + CUSTOMER_FOLLOW_UP;

        List<RawPost> posts = readAll(csv);

        assertEquals(text, posts.get(1).json().get("text").asText(), "the parser, not the reader, limits text");
        assertEquals("2", posts.get(2).json().get("id").asText());
    }

    @Test
    void fiftyMegabytesStreamThroughInBatchesWithoutBeingLoaded() {
        long rows = 110_000;
        NdjsonReaderTest.GeneratedInput input = new NdjsonReaderTest.GeneratedInput(rows + 1,
                i -> i == 0 ? "," + HEADER.strip() : pandasRow(i));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long records = 0;
            try (TwcsReader reader = new TwcsReader(input)) {
                List<RawPost> first = reader.next(500);
                assertTrue(input.served() < 1024 * 1024,
                        "the first batch must not wait for the whole file; read " + input.served());
                records += first.size();
                for (List<RawPost> batch = reader.next(500); !batch.isEmpty(); batch = reader.next(500)) {
                    records += batch.size();
                    RawPost last = batch.get(batch.size() - 1);
                    assertNull(last.rejection(), last::rejection);
                }
            }
            assertEquals(rows, records);
            assertTrue(input.served() > 50_000_000L, "generated " + input.served() + " bytes");
        });
    }

    /** About 480 bytes in pandas' style: index column, float ids, multi-line quoted text. */
    private static String pandasRow(long i) {
        return (i - 1) + "," + i + ".0,user" + (i % 977) + "," + (i % 2 == 0 ? "True" : "False")
                + ",Tue Oct 31 22:10:47 +0000 2017,\"@acme my order #" + i + " never arrived,\n"
                + "please help\r" + "padding ".repeat(50) + "\"," + (i + 1) + ".0," + (i > 1 ? (i - 1) + ".0" : "");
    }

    private static List<RawPost> readAll(String csv) throws IOException {
        try (TwcsReader reader = new TwcsReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            List<RawPost> all = new ArrayList<>();
            for (List<RawPost> batch = reader.next(2); !batch.isEmpty(); batch = reader.next(2)) {
                all.addAll(batch);
            }
            return all;
        }
    }

    private static List<Post> accepted(List<RawPost> posts) {
        EnvelopeParser parser = new EnvelopeParser();
        return posts.stream()
                .map(post -> assertInstanceOf(ParseResult.Accepted.class, parser.parse(post.json())).post())
                .toList();
    }

    private static List<String> fields(String row) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(row))) {
            return parser.getRecords().get(0).toList();
        }
    }

    private static List<String> positions(List<RawPost> posts) {
        return posts.stream().map(RawPost::position).toList();
    }
}
