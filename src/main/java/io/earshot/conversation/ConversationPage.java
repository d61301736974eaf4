package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.earshot.account.Roles;
import io.earshot.conversation.ConversationViews.Detail;
import io.earshot.web.ApiException;
import io.earshot.web.LiveEvents;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code /conversations/{id}}: one thread, its triage panel, notes and audit trail, kept live. The
 * reply composer is the reply capability's and loads into the page by itself.
 */
@Path("/conversations/{id}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class ConversationPage {

    @Inject
    ConversationService conversations;

    @Inject
    ThreadTimeline timeline;

    @Inject
    ConversationTriage triage;

    @Inject
    Notes notes;

    @Inject
    InboxQueue queue;

    @Inject
    InboxSidebar sidebar;

    @Inject
    Presence presence;

    @Inject
    LiveEvents live;

    @Inject
    SecurityIdentity identity;

    @CheckedTemplate(basePath = "conversation")
    static class Templates {
        static native TemplateInstance thread(Detail c, List<ThreadEntry> entries, List<String> teammates,
                List<Presence.Viewer> viewers, String error);

        static native TemplateInstance thread$entries(Detail c, List<ThreadEntry> entries, String error);

        static native TemplateInstance thread$triage(Detail c, List<String> teammates, String error);

        static native TemplateInstance thread$audit(Detail c);

        static native TemplateInstance thread$presence(long conversationId, List<Presence.Viewer> viewers);
    }

    @GET
    public TemplateInstance page(@PathParam("id") long id) {
        Detail c = conversations.threadToShow(id);
        queue.markSeen(me(), id, c.messageCount());
        List<Presence.Viewer> others = presence.viewers(id).stream().filter(v -> !v.username().equals(me())).toList();
        return Templates.thread(c, timeline.of(c), sidebar.teammates(), others, null);
    }

    /** The timeline alone, for the live refresh. */
    @GET
    @Path("entries")
    public TemplateInstance entries(@PathParam("id") long id) {
        Detail c = conversations.threadToShow(id);
        queue.markSeen(me(), id, c.messageCount());
        return Templates.thread$entries(c, timeline.of(c), null);
    }

    @GET
    @Path("triage")
    public TemplateInstance triagePanel(@PathParam("id") long id) {
        return Templates.thread$triage(conversations.threadToShow(id), sidebar.teammates(), null);
    }

    @GET
    @Path("audit")
    public TemplateInstance audit(@PathParam("id") long id) {
        return Templates.thread$audit(conversations.threadToShow(id));
    }

    /** One triage action, as in the inbox toolbar; answers the triage panel. */
    @POST
    @Path("triage")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    public TemplateInstance triage(@PathParam("id") long id, @FormParam("action") String action,
            @FormParam("value") String value) {
        String error = null;
        Detail c;
        try {
            c = triage.change(id, BulkAction.parse(action, value, me()), me());
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            error = e.getMessage();
            c = conversations.thread(id);
        }
        return Templates.thread$triage(c, sidebar.teammates(), error);
    }

    @POST
    @Path("notes")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    public TemplateInstance note(@PathParam("id") long id, @FormParam("text") String text) {
        String error = null;
        try {
            notes.add(id, text, me());
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            error = e.getMessage();
        }
        Detail c = conversations.thread(id);
        return Templates.thread$entries(c, timeline.of(c), error);
    }

    /** A page's heartbeat: this teammate has the thread open (and may be typing a reply). */
    @POST
    @Path("presence")
    public Response beat(@PathParam("id") long id, @FormParam("typing") boolean typing) {
        if (presence.beat(id, me(), typing, Instant.now())) {
            broadcastPresence(id);
        }
        return Response.noContent().build();
    }

    private void broadcastPresence(long id) {
        broadcast(presence, live, id);
    }

    static void broadcast(Presence presence, LiveEvents live, long id) {
        live.send("presence-" + id, Templates.thread$presence(id, presence.viewers(id)).render());
    }

    private String me() {
        return identity.getPrincipal().getName();
    }
}
