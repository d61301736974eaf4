package io.earshot.rules;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/** {@code /api/rules}: listening rules over HTTP. Reading needs any user; changing needs an admin. */
@Path("/api/rules")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class RuleResource {

    /** What a client sends to create or replace a rule. */
    public record RuleRequest(String name, String query, Boolean enabled) {
    }

    /** A rule as the API shows it. */
    public record RuleView(long id, String name, String query, boolean enabled, Instant createdAt, Instant updatedAt) {
        static RuleView of(Rule rule) {
            return new RuleView(rule.id, rule.name, rule.query, rule.enabled, rule.createdAt, rule.updatedAt);
        }
    }

    @Inject
    RuleService rules;

    @GET
    public List<RuleView> list() {
        return rules.list().stream().map(RuleView::of).toList();
    }

    @GET
    @Path("{id}")
    public RuleView get(@PathParam("id") long id) {
        return RuleView.of(rules.get(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(RuleRequest request) {
        RuleRequest body = require(request);
        Rule rule = rules.create(body.name(), body.query(), body.enabled());
        return Response.created(URI.create("/api/rules/" + rule.id)).entity(RuleView.of(rule)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public RuleView update(@PathParam("id") long id, RuleRequest request) {
        RuleRequest body = require(request);
        return RuleView.of(rules.update(id, body.name(), body.query(), body.enabled()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") long id) {
        rules.delete(id);
        return Response.noContent().build();
    }

    private static RuleRequest require(RuleRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid rule", "a JSON body with name and query is required");
        }
        return request;
    }
}
