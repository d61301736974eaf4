package io.earshot.reply;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.earshot.account.Roles;
import io.earshot.conversation.ConversationViews.MessageView;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code /api/replies}: one reply, its retry, and which platforms have a connected channel. Replies are
 * written at {@code POST /api/conversations/{id}/replies} ({@link ConversationReplyResource}).
 */
@Path("/api/replies")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class ReplyResource {

    @Inject
    Replies replies;

    @Inject
    ReplyChannels channels;

    @Inject
    SecurityIdentity identity;

    /** {@code {"x": false}}: whether replies on each platform can leave (Kafka on and a connector serving it). */
    @GET
    @Path("channels")
    public Map<String, Boolean> channels() {
        return channels.all();
    }

    @GET
    @Path("{id}")
    public MessageView get(@PathParam("id") long id) {
        return replies.get(id);
    }

    /** Queues a failed reply again. */
    @POST
    @Path("{id}/retry")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    public MessageView retry(@PathParam("id") long id) {
        return replies.retry(id, identity.getPrincipal().getName());
    }
}
