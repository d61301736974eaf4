package io.earshot.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.account.Roles;
import io.earshot.post.EnvelopeParser;
import io.earshot.web.ApiError;

/**
 * {@code POST /api/posts}: posts pushed over HTTP, as one JSON object, a JSON array, or NDJSON
 * ({@code application/x-ndjson}). Answers once the batch is committed, with what was accepted,
 * refused (and why, by line) and matched.
 */
@Path("/api/posts")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {

    public static final String NDJSON = "application/x-ndjson";

    private static final ObjectMapper ARRAY_READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(EnvelopeParser.MAX_NESTING_DEPTH + 1)
                    .maxStringLength(EnvelopeParser.MAX_RECORD_BYTES)
                    .build())
            .build());

    @Inject
    IngestPipeline pipeline;

    @Inject
    BatchFeeder feeder;

    @Inject
    DeadLetters deadLetters;

    @Inject
    IngestConfig config;

    /**
     * Takes a JSON object, a JSON array or NDJSON. The body's shape decides, so that
     * {@code curl --data-binary @posts.ndjson} works whatever content type curl sends; an NDJSON
     * content type ({@code application/x-ndjson}, {@code application/ndjson}, JSON Lines) always
     * means NDJSON.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType)
            throws IOException {
        byte[] bytes = BoundedInput.readAll(body, config.maxRequestBytes());
        boolean ndjson = isNdjson(contentType);
        if (!ndjson && startsWith(bytes, '[')) {
            return array(bytes);
        }
        if (ndjson || hasSeveralLines(bytes)) {
            return Response.ok(feeder.feed("http", new NdjsonReader(new ByteArrayInputStream(bytes)))).build();
        }
        BatchResult result = pipeline.ingest("http", List.of(RawPost.ofBytes("1", bytes)));
        // A single post that is refused is a bad request; batches report refusals per line instead.
        return Response.status(result.accepted() == 0 ? 400 : 200).entity(result).build();
    }

    private static boolean isNdjson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith(NDJSON) || type.startsWith("application/ndjson") || type.startsWith("application/jsonl")
                || type.startsWith("application/x-jsonlines") || type.startsWith("application/jsonlines");
    }

    /** NDJSON sent as JSON: more than one line that starts a JSON object. */
    private static boolean hasSeveralLines(byte[] bytes) {
        int objects = 0;
        boolean lineStart = true;
        for (byte b : bytes) {
            if (b == '\n') {
                lineStart = true;
            } else if (lineStart && b != ' ' && b != '\t' && b != '\r') {
                if (b == '{' && ++objects > 1) {
                    return true;
                }
                lineStart = false;
            }
        }
        return false;
    }

    private Response array(byte[] bytes) throws IOException {
        List<RawPost> records = new ArrayList<>();
        try (JsonParser parser = ARRAY_READER.createParser(bytes)) {
            parser.nextToken();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                index++;
                JsonNode element = ARRAY_READER.readTree(parser);
                records.add(RawPost.ofJson(Integer.toString(index), element));
            }
            if (parser.nextToken() != null) {
                throw new IllegalStateException("unexpected content after the array");
            }
        } catch (JsonProcessingException | IllegalStateException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            deadLetters.keep(List.of(new DeadLetters.Refusal("http", "body", null, "malformed JSON array: " + detail, bytes)),
                    Instant.now());
            return Response.status(400).entity(new ApiError("malformed JSON", detail)).build();
        }
        return Response.ok(feeder.feed("http", RecordSource.of(records))).build();
    }

    private static boolean startsWith(byte[] bytes, char c) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == c;
        }
        return false;
    }
}
