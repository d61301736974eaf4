package io.earshot.ingest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/** {@code GET /api/dead-letters}: refused input, newest first, for admins. */
@Path("/api/dead-letters")
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {

    /** A dead letter as the API shows it. */
    public record DeadLetterView(long id, String source, String position, String reason, String payload,
            long payloadBytes, Instant receivedAt) {
    }

    /** A page of dead letters; pass {@code next} as {@code cursor} for the following page. */
    public record Page(List<DeadLetterView> items, String next) {
    }

    @GET
    public Page list(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("invalid parameter", "limit must be 1-500");
        }
        long before = 0;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid parameter", "cursor is not one this server made");
            }
        }
        List<DeadLetter> page = DeadLetter.newest(before, limit + 1);
        boolean more = page.size() > limit;
        List<DeadLetter> shown = more ? page.subList(0, limit) : page;
        List<DeadLetterView> items = shown.stream().map(d -> new DeadLetterView(d.id, d.source, d.position, d.reason,
                d.payload, d.payloadBytes, d.receivedAt)).toList();
        return new Page(items, more ? Long.toString(shown.get(shown.size() - 1).id) : null);
    }
}
