package io.earshot.reply;

import java.net.URI;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.earshot.account.Roles;
import io.earshot.conversation.ConversationViews.MessageView;
import io.earshot.web.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code POST /api/conversations/{id}/replies}: agents and admins answer a post of a conversation. */
@Path("/api/conversations/{conversation}/replies")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT })
public class ConversationReplyResource {

    /**
     * The body of a reply: the text and the external id of the post answered. With {@code openedAt} (when
     * the agent opened the conversation) a teammate's answer since then is a 409, unless {@code confirm}.
     */
    public record Body(String text, String inReplyTo, Instant openedAt, Boolean confirm) {
    }

    @Inject
    Replies replies;

    @Inject
    SecurityIdentity identity;

    /** Stores the reply queued for delivery; 201 with the reply as a thread entry and its Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("conversation") long conversation, Body body) {
        if (body == null) {
            throw ApiException.badRequest("invalid reply", "the body is {\"text\": \"...\", \"inReplyTo\": \"...\"}");
        }
        Instant check = Boolean.TRUE.equals(body.confirm()) ? null : body.openedAt();
        MessageView reply = replies.send(conversation, body.text(), body.inReplyTo(), identity.getPrincipal().getName(),
                check);
        return Response.created(URI.create("/api/replies/" + reply.id())).entity(reply).build();
    }
}
