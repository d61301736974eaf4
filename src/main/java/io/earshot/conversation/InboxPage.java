package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.earshot.account.Roles;
import io.earshot.rules.Rule;
import io.earshot.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code /inbox}: the shared queue. One handler per URL answers the whole page, or just the rows
 * when htmx asks (live refresh, "more", bulk actions). Filters live in the URL. With a time window
 * and {@code group=similar} it is a spike's incident view, where a canned reply can go to a whole group.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class InboxPage {

    @Inject
    InboxQueue queue;

    @Inject
    SavedViews savedViews;

    @Inject
    ConversationTriage triage;

    @Inject
    InboxSidebar sidebar;

    @Inject
    BulkReplies bulkReplies;

    @Inject
    SecurityIdentity identity;

    @CheckedTemplate(basePath = "conversation")
    static class Templates {
        static native TemplateInstance inbox(QueueFilter filter, InboxPageData page, InboxSidebar.Data sidebar,
                List<BulkReplies.Choice> canned, Instant openedAt, String error);

        static native TemplateInstance inbox$rows(QueueFilter filter, InboxPageData page, String error);

        static native TemplateInstance inbox$views(QueueFilter filter, List<SavedView> views, String error);
    }

    @GET
    public TemplateInstance page(@QueryParam("view") String view, @QueryParam("rule") String rule,
            @QueryParam("tag") String tag, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") String group, @QueryParam("cursor") String cursor,
            @HeaderParam("HX-Request") boolean htmx) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority, from, to, group);
        InboxPageData data = queue.page(filter, me(), position(cursor), InboxQueue.pageSize(filter));
        // The incident view offers a canned reply to a group; the ordinary queue does not read them.
        List<BulkReplies.Choice> canned = filter.similar() ? bulkReplies.choices() : List.of();
        return Templates.inbox(filter, data, sidebar.of(me()), canned, Instant.now(), null);
    }

    /** The rows alone: the live refresh, the "more" button and every bulk action answer with them. */
    @GET
    @Path("rows")
    public TemplateInstance rows(@QueryParam("view") String view, @QueryParam("rule") String rule,
            @QueryParam("tag") String tag, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") String group, @QueryParam("cursor") String cursor) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority, from, to, group);
        return Templates.inbox$rows(filter, queue.page(filter, me(), position(cursor), InboxQueue.pageSize(filter)),
                null);
    }

    /**
     * Applies one action to every selected conversation: a triage action, {@code assign} (value: a user
     * name, or empty to unassign), {@code assign-me}, {@code tag}, {@code untag}, {@code status},
     * {@code priority}; or {@code reply}, the canned reply {@code canned} to each first post (see
     * {@link BulkReplies}). An {@code id} may carry a group's ids, comma-separated.
     */
    @POST
    @Path("bulk")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    public TemplateInstance bulk(@FormParam("id") List<String> selected, @FormParam("action") String action,
            @FormParam("value") String value, @FormParam("canned") Long canned,
            @FormParam("openedAt") String openedAt, @FormParam("view") String view, @FormParam("rule") String rule,
            @FormParam("tag") String tag, @FormParam("assignee") String assignee,
            @FormParam("priority") String priority, @FormParam("from") String from, @FormParam("to") String to,
            @FormParam("group") String group) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority, from, to, group);
        String error = null;
        try {
            List<Long> ids = BulkAction.ids(selected);
            if (BulkAction.REPLY.equals(action)) {
                List<String> refused = bulkReplies.send(BulkAction.canned(canned, ids), ids, me(),
                        BulkAction.openedAt(openedAt));
                error = refused.isEmpty() ? null : "Not sent: " + String.join("; ", refused);
            } else {
                TriageChange change = BulkAction.parse(action, value, me());
                BulkAction.requireSome(ids);
                for (long id : ids) {
                    triage.change(id, change, me());
                }
            }
        } catch (ApiException e) {
            error = e.getMessage();
        }
        return Templates.inbox$rows(filter, queue.page(filter, me(), null, InboxQueue.pageSize(filter)), error);
    }

    @POST
    @Path("views")
    public TemplateInstance saveView(@FormParam("name") String name, @FormParam("view") String view,
            @FormParam("rule") String rule, @FormParam("tag") String tag, @FormParam("assignee") String assignee,
            @FormParam("priority") String priority, @FormParam("from") String from, @FormParam("to") String to,
            @FormParam("group") String group) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority, from, to, group);
        String error = null;
        try {
            savedViews.save(me(), name, filter);
        } catch (ApiException e) {
            error = e.getMessage();
        }
        return Templates.inbox$views(filter, savedViews.of(me()), error);
    }

    @DELETE
    @Path("views/{id}")
    public TemplateInstance deleteView(@PathParam("id") long id, @QueryParam("view") String view,
            @QueryParam("rule") String rule, @QueryParam("tag") String tag, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") String group) {
        savedViews.delete(me(), id);
        return Templates.inbox$views(QueueFilter.of(view, rule, tag, assignee, priority, from, to, group),
                savedViews.of(me()), null);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private static QueuePosition position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return QueuePosition.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", e.getMessage());
        }
    }
}
