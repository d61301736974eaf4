package io.earshot.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/**
 * {@code POST /api/import?format=ndjson|twcs}: history files, streamed through the pipeline in
 * batches so a file of any size passes in bounded memory. Answers like {@code POST /api/posts},
 * listing the first {@code earshot.ingest.max-errors} refusals (all of them are dead letters).
 */
@Path("/api/import")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    BatchFeeder feeder;

    @POST
    @Consumes(MediaType.WILDCARD)
    public BatchResult importFile(@QueryParam("format") String format, InputStream body) {
        RecordSource source = switch (format == null ? "" : format) {
            case "ndjson" -> new NdjsonReader(body);
            case "twcs" -> twcs(body);
            default -> throw ApiException.badRequest("invalid parameter", "format must be ndjson or twcs");
        };
        return feeder.feed("import", source);
    }

    private static RecordSource twcs(InputStream body) {
        try {
            return new TwcsReader(body, "x");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid twcs file", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
