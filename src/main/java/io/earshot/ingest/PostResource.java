package io.earshot.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(InputStream body) throws IOException {
        byte[] bytes = BoundedInput.readAll(body, config.maxRequestBytes());
        if (startsWith(bytes, '[')) {
            return array(bytes);
        }
        BatchResult result = pipeline.ingest("http", List.of(RawPost.ofBytes("1", bytes)));
        // A single post that is refused is a bad request; batches report refusals per line instead.
        return Response.status(result.accepted() == 0 ? 400 : 200).entity(result).build();
    }

    @POST
    @Consumes(NDJSON)
    public BatchResult ndjson(InputStream body) throws IOException {
        byte[] bytes = BoundedInput.readAll(body, config.maxRequestBytes());
        return feeder.feed("http", new NdjsonReader(new ByteArrayInputStream(bytes)));
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
        BatchResult total = BatchResult.empty();
        for (int i = 0; i < records.size(); i += config.batchSize()) {
            List<RawPost> batch = records.subList(i, Math.min(records.size(), i + config.batchSize()));
            total = total.plus(pipeline.ingest("http", batch), config.maxErrors());
        }
        return Response.ok(total).build();
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
