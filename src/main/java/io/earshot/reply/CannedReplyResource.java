package io.earshot.reply;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/canned-replies}: read by every signed-in user, written by admins. */
@Path("/api/canned-replies")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class CannedReplyResource {

    /** The body of a create or update. */
    public record Body(String name, String text) {
    }

    @Inject
    CannedReplies canned;

    @Inject
    SecurityIdentity identity;

    @GET
    public List<CannedReplies.View> list() {
        return canned.list();
    }

    @GET
    @Path("{id}")
    public CannedReplies.View get(@PathParam("id") long id) {
        return canned.get(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Body body) {
        CannedReplies.View created = canned.create(required(body).name(), body.text());
        return Response.created(URI.create("/api/canned-replies/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public CannedReplies.View update(@PathParam("id") long id, Body body) {
        return canned.update(id, required(body).name(), body.text());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") long id) {
        canned.delete(id);
        return Response.noContent().build();
    }

    /** The text with {@code {author}} and {@code {agent}} filled in for the post answered. */
    @GET
    @Path("{id}/expand")
    public CannedReplies.Expanded expand(@PathParam("id") long id, @QueryParam("conversation") Long conversation,
            @QueryParam("inReplyTo") String inReplyTo) {
        if (conversation == null) {
            throw ApiException.badRequest("invalid parameter", "conversation is required");
        }
        return canned.expand(id, conversation, inReplyTo, identity.getPrincipal().getName());
    }

    private static Body required(Body body) {
        if (body == null) {
            throw ApiException.badRequest("invalid canned reply", "the body is {\"name\": \"...\", \"text\": \"...\"}");
        }
        return body;
    }
}
