package io.earshot.conversation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/conversations}: the queue and its threads for any signed-in user; triage and notes for agents. */
@Path("/api/conversations")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class ConversationResource {

    @Inject
    ConversationService conversations;

    @Inject
    ConversationTriage triage;

    @Inject
    Notes notes;

    @Inject
    SecurityIdentity identity;

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

    /** Triage: any of status, assignee (null unassigns), priority, tags, addTags, removeTags. */
    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Consumes(MediaType.APPLICATION_JSON)
    public ConversationViews.Detail triage(@PathParam("id") long id, JsonNode body) {
        return triage.change(id, TriageChange.fromJson(body), identity.getPrincipal().getName());
    }

    /** An internal note, {@code {"text": "..."}}; answers 201 with the note. */
    @POST
    @Path("{id}/notes")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addNote(@PathParam("id") long id, JsonNode body) {
        JsonNode text = body == null ? null : body.get("text");
        if (text == null || !text.isTextual()) {
            throw ApiException.badRequest("invalid note", "the body is {\"text\": \"...\"}");
        }
        ConversationViews.NoteView note = notes.add(id, text.asText(), identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(note).build();
    }
}
