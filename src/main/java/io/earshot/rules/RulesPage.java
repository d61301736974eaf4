package io.earshot.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.earshot.account.Roles;
import io.earshot.search.InvalidQueryException;
import io.earshot.search.SearchPageView;
import io.earshot.trends.RuleWorkbench;
import io.earshot.trends.TrendService;
import io.earshot.web.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code /rules}: the rule workbench. Everyone sees the rules with their week's volume and last
 * match; admins and analysts dry-run a query over stored history; admins save, edit, switch on and
 * off and delete rules. Forms are htmx requests answered with the fragment they replace; a refusal
 * comes back in place.
 */
@Path("/rules")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
@Produces(MediaType.TEXT_HTML)
public class RulesPage {

    private static final String HX_RETARGET = "HX-Retarget";

    @CheckedTemplate(basePath = "rules")
    static class Templates {
        static native TemplateInstance page(List<RuleRow> rows, RuleEditor editor);

        static native TemplateInstance page$workbench(List<RuleRow> rows, RuleEditor editor);

        static native TemplateInstance page$editor(RuleEditor editor);

        static native TemplateInstance page$row(RuleRow row);
    }

    @Inject
    RuleService rules;

    @Inject
    RuleWorkbench workbench;

    @Inject
    TrendService trends;

    @GET
    public TemplateInstance page() {
        return Templates.page(rows(), RuleEditor.blank());
    }

    /** Runs the typed query over stored history; answers the form with the findings or the complaint. */
    @POST
    @Path("dry-run")
    @RolesAllowed({ Roles.ADMIN, Roles.ANALYST })
    public TemplateInstance dryRun(@FormParam("id") Long id, @FormParam("name") String name,
            @FormParam("query") String query, @FormParam("from") String from, @FormParam("to") String to) {
        String typed = query == null ? "" : query;
        try {
            return Templates.page$editor(new RuleEditor(id, name, typed, from, to,
                    workbench.run(typed, blankToNull(from), blankToNull(to), null), null, null));
        } catch (InvalidQueryException e) {
            return Templates.page$editor(refused(id, name, typed, e).during(from, to));
        } catch (ApiException e) {
            return Templates.page$editor(new RuleEditor(id, name, typed, from, to, null, null, e.getMessage()));
        }
    }

    /** Saves a new rule; success answers the whole workbench with a blank form, a refusal the form. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@FormParam("name") String name, @FormParam("query") String query) {
        return save(null, name, query);
    }

    /** The form filled with a rule, to edit or rename it. */
    @GET
    @Path("{id}/edit")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance edit(@PathParam("id") long id) {
        return Templates.page$editor(RuleEditor.of(rules.get(id)));
    }

    /** Saves an edited rule (new name or query). */
    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response update(@PathParam("id") long id, @FormParam("name") String name, @FormParam("query") String query) {
        return save(id, name, query);
    }

    /** Switches a rule on or off; answers its row. */
    @POST
    @Path("{id}/enabled")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance enable(@PathParam("id") long id, @FormParam("enabled") boolean enabled) {
        Rule rule = rules.get(id);
        try {
            rules.update(id, rule.name, rule.query, enabled);
            return row(id, null, enabled ? "Switched on." : "Switched off.");
        } catch (ApiException | InvalidQueryException e) {
            return row(id, e.getMessage(), null);
        }
    }

    /** Deletes a rule; answers an empty body so its row disappears (htmx swaps nothing on a 204). */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public String delete(@PathParam("id") long id) {
        rules.delete(id);
        return "";
    }

    private Response save(Long id, String name, String query) {
        String typed = query == null ? "" : query;
        try {
            if (id == null) {
                rules.create(name, typed, true);
            } else {
                rules.update(id, name, typed, null);
            }
            return Response.ok(Templates.page$workbench(rows(), RuleEditor.blank())).header(HX_RETARGET, "#workbench")
                    .build();
        } catch (InvalidQueryException e) {
            return Response.ok(Templates.page$editor(refused(id, name, typed, e))).build();
        } catch (ApiException e) {
            return Response.ok(Templates.page$editor(new RuleEditor(id, name, typed, null, null, null, null,
                    e.getMessage()))).build();
        }
    }

    private static RuleEditor refused(Long id, String name, String query, InvalidQueryException e) {
        return new RuleEditor(id, name, query, null, null, null,
                SearchPageView.Problem.in(query, e.getMessage(), e.position()), null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private TemplateInstance row(long id, String error, String notice) {
        RuleRow row = rows().stream().filter(r -> r.rule().id == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("no rule " + id));
        return Templates.page$row(new RuleRow(row.rule(), row.last7days(), row.lastMatchAt(), error, notice));
    }

    /**
     * Every live rule with its week, read in a transaction of its own: a session opened earlier in the
     * request may hold a rule as it was before this request changed it.
     */
    private List<RuleRow> rows() {
        return QuarkusTransaction.requiringNew().call(this::freshRows);
    }

    private List<RuleRow> freshRows() {
        Map<Long, TrendService.RuleStats> stats = trends.ruleStats(java.time.ZoneOffset.UTC).stream()
                .collect(Collectors.toMap(TrendService.RuleStats::id, Function.identity()));
        return rules.list().stream().map(rule -> {
            TrendService.RuleStats s = stats.get(rule.id);
            return new RuleRow(rule, s == null ? new long[7] : s.last7days(), s == null ? null : s.lastMatchAt(), null,
                    null);
        }).toList();
    }
}
