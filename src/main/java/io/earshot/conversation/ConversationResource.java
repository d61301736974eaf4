package io.earshot.conversation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/** {@code /api/conversations}: the queue and its threads, for any signed-in user. */
@Path("/api/conversations")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class ConversationResource {

    @Inject
    ConversationService conversations;

    @GET
    public ConversationViews.Page list(@QueryParam("status") String status, @QueryParam("rule") Long rule,
            @QueryParam("limit") @DefaultValue("25") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > ConversationService.MAX_PAGE) {
            throw ApiException.badRequest("invalid parameter", "limit must be 1-" + ConversationService.MAX_PAGE);
        }
        Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = Status.parse(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid parameter", "status must be open, pending or closed");
            }
        }
        QueuePosition after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = QueuePosition.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid parameter", e.getMessage());
            }
        }
        return conversations.queue(wanted, rule, after, limit);
    }

    @GET
    @Path("{id}")
    public ConversationViews.Detail get(@PathParam("id") long id) {
        return conversations.thread(id);
    }
}
