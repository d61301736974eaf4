package io.earshot.reply;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.earshot.account.Roles;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationViews.Detail;
import io.earshot.conversation.ConversationViews.MessageView;
import io.earshot.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The reply composer on a thread page ({@code /conversations/{id}/composer}): choose the post being
 * answered, type with a live count against the platform's limit, insert canned replies with
 * {@code /}, and send. Sending after a teammate replied since the composer opened asks to confirm.
 */
@Path("/conversations/{id}/composer")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT })
public class ComposerPage {

    @Inject
    ConversationService conversations;

    @Inject
    Replies replies;

    @Inject
    CannedReplies canned;

    @Inject
    ReplyLength length;

    @Inject
    ReplyChannels channels;

    @Inject
    SecurityIdentity identity;

    /** A post that can be answered, as the composer's picker shows it. */
    public record Answerable(String externalId, String author, String snippet) {
    }

    /** What the composer shows besides the text. */
    public record State(long conversationId, String platform, boolean channelConnected, List<Answerable> posts,
            String inReplyTo, String text, ReplyLength.Measure measure, Instant openedAt, String collision,
            String error, boolean sent) {
    }

    @CheckedTemplate(basePath = "reply")
    static class Templates {
        static native TemplateInstance composer(State s);

        static native TemplateInstance composer$counter(ReplyLength.Measure measure);

        static native TemplateInstance cannedMenu(List<CannedReplies.Expanded> items);
    }

    @GET
    public TemplateInstance open(@PathParam("id") long id) {
        return Templates.composer(state(id, null, "", Instant.now(), null, null, false));
    }

    @POST
    @Path("count")
    public TemplateInstance count(@PathParam("id") long id, @FormParam("text") String text,
            @FormParam("inReplyTo") String inReplyTo) {
        Detail c = conversations.threadToShow(id);
        return Templates.composer$counter(length.measure(platform(c, inReplyTo), text == null ? "" : text));
    }

    /** The canned replies with their placeholders filled for this conversation and agent. */
    @GET
    @Path("canned")
    public TemplateInstance canned(@PathParam("id") long id, @QueryParam("inReplyTo") String inReplyTo) {
        String answered = inReplyTo == null || inReplyTo.isBlank() ? latestInbound(conversations.threadToShow(id)) : inReplyTo;
        List<CannedReplies.Expanded> items = canned.list().stream()
                .map(v -> canned.expand(v.id(), id, answered, me())).toList();
        return Templates.cannedMenu(items);
    }

    @POST
    @Path("send")
    public Response send(@PathParam("id") long id, @FormParam("text") String text,
            @FormParam("inReplyTo") String inReplyTo, @FormParam("openedAt") String openedAt,
            @FormParam("confirm") boolean confirm) {
        Instant opened = parse(openedAt);
        try {
            if (confirm) {
                replies.send(id, text, inReplyTo, me());
            } else {
                replies.send(id, text, inReplyTo, me(), opened);
            }
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            // 409: a teammate answered since this composer opened; the agent confirms or rethinks.
            String collision = e.status() == 409 ? e.getMessage() : null;
            String error = e.status() == 409 ? null : e.getMessage();
            return Response.ok(Templates.composer(state(id, inReplyTo, text, opened, collision, error, false))).build();
        }
        // The thread shows the reply at once; teammates' pages hear of it through /events.
        return Response.ok(Templates.composer(state(id, inReplyTo, "", Instant.now(), null, null, true)))
                .header("HX-Trigger", "thread-changed").build();
    }

    @POST
    @Path("retry/{replyId}")
    public Response retry(@PathParam("id") long id, @PathParam("replyId") long replyId) {
        MessageView reply = replies.get(replyId);
        if (reply.delivery() == null || !conversations.threadToShow(id).messages().contains(reply)) {
            throw ApiException.notFound("no reply " + replyId + " in conversation " + id);
        }
        replies.retry(replyId, me());
        return Response.noContent().header("HX-Trigger", "thread-changed").build();
    }

    private State state(long id, String inReplyTo, String text, Instant opened, String collision, String error,
            boolean sent) {
        Detail c = conversations.threadToShow(id);
        List<Answerable> posts = c.messages().stream().filter(m -> MessageView.POST.equals(m.kind()))
                .map(m -> new Answerable(m.externalId(), m.author(), snippet(m.text()))).toList();
        String answering = inReplyTo != null && !inReplyTo.isBlank() ? inReplyTo : latestInbound(c);
        String platform = platform(c, answering);
        return new State(id, platform, channels.connected(platform), posts, answering, text,
                length.measure(platform, text == null ? "" : text), opened, collision, error, sent);
    }

    private static String latestInbound(Detail c) {
        String latest = null;
        for (MessageView m : c.messages()) {
            if (MessageView.POST.equals(m.kind()) && "inbound".equals(m.direction())) {
                latest = m.externalId();
            }
        }
        return latest;
    }

    private static String platform(Detail c, String externalId) {
        return c.messages().stream().filter(m -> MessageView.POST.equals(m.kind()))
                .filter(m -> externalId == null || externalId.equals(m.externalId())).map(MessageView::platform)
                .findFirst().orElse(c.messages().isEmpty() ? "x" : c.messages().get(0).platform());
    }

    private static String snippet(String text) {
        String one = text.strip().replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 59) + "…";
    }

    private static Instant parse(String value) {
        try {
            return value == null || value.isBlank() ? Instant.now() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid reply", "openedAt is not an ISO-8601 instant");
        }
    }

    private String me() {
        return identity.getPrincipal().getName();
    }
}
