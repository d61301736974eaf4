package io.earshot.conversation;

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
 * when htmx asks (live refresh, "more", bulk actions). Filters live in the URL.
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
    SecurityIdentity identity;

    @CheckedTemplate(basePath = "conversation")
    static class Templates {
        static native TemplateInstance inbox(QueueFilter filter, InboxPageData page, InboxSidebar.Data sidebar,
                String error);

        static native TemplateInstance inbox$rows(QueueFilter filter, InboxPageData page, String error);

        static native TemplateInstance inbox$views(QueueFilter filter, List<SavedView> views, String error);
    }

    @GET
    public TemplateInstance page(@QueryParam("view") String view, @QueryParam("rule") String rule,
            @QueryParam("tag") String tag, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("cursor") String cursor,
            @HeaderParam("HX-Request") boolean htmx) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority);
        InboxPageData data = queue.page(filter, me(), position(cursor), InboxQueue.PAGE_SIZE);
        return Templates.inbox(filter, data, sidebar.of(me()), null);
    }

    /** The rows alone: the live refresh, the "more" button and every bulk action answer with them. */
    @GET
    @Path("rows")
    public TemplateInstance rows(@QueryParam("view") String view, @QueryParam("rule") String rule,
            @QueryParam("tag") String tag, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("cursor") String cursor) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority);
        return Templates.inbox$rows(filter, queue.page(filter, me(), position(cursor), InboxQueue.PAGE_SIZE), null);
    }

    /**
     * Applies one triage action to every selected conversation: {@code assign} (value: a user name,
     * or empty to unassign), {@code assign-me}, {@code tag}, {@code untag}, {@code status}, {@code priority}.
     */
    @POST
    @Path("bulk")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    public TemplateInstance bulk(@FormParam("id") List<Long> ids, @FormParam("action") String action,
            @FormParam("value") String value, @FormParam("view") String view, @FormParam("rule") String rule,
            @FormParam("tag") String tag, @FormParam("assignee") String assignee,
            @FormParam("priority") String priority) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority);
        String error = null;
        try {
            TriageChange change = BulkAction.parse(action, value, me());
            if (ids == null || ids.isEmpty()) {
                throw ApiException.badRequest("invalid bulk action", "select at least one conversation");
            }
            for (long id : ids) {
                triage.change(id, change, me());
            }
        } catch (ApiException e) {
            error = e.getMessage();
        }
        return Templates.inbox$rows(filter, queue.page(filter, me(), null, InboxQueue.PAGE_SIZE), error);
    }

    @POST
    @Path("views")
    public TemplateInstance saveView(@FormParam("name") String name, @FormParam("view") String view,
            @FormParam("rule") String rule, @FormParam("tag") String tag, @FormParam("assignee") String assignee,
            @FormParam("priority") String priority) {
        QueueFilter filter = QueueFilter.of(view, rule, tag, assignee, priority);
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
            @QueryParam("priority") String priority) {
        savedViews.delete(me(), id);
        return Templates.inbox$views(QueueFilter.of(view, rule, tag, assignee, priority), savedViews.of(me()), null);
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
