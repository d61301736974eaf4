package io.earshot.trends;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/**
 * {@code POST /api/rules/dry-run {"query", "from"?, "to"?, "tz"?}}: what a rule would have caught
 * in stored history. For admins, who save rules, and analysts, who draft them.
 */
@Path("/api/rules/dry-run")
@RolesAllowed({ Roles.ADMIN, Roles.ANALYST })
public class RuleDryRunResource {

    /** The rule query to try, and optionally its period and time zone. */
    public record DryRunRequest(String query, String from, String to, String tz) {
    }

    @Inject
    RuleWorkbench workbench;

    @POST
    public RuleWorkbench.DryRun dryRun(DryRunRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid query", "a JSON body with query is required");
        }
        return workbench.run(request.query(), request.from(), request.to(), request.tz());
    }
}
