package io.earshot.trends;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.earshot.account.Roles;

/**
 * {@code GET /api/rules/stats?tz=}: each live rule's sparkline (posts on each of the last 7 days,
 * oldest first) and the minute of its newest match, from the rollups.
 */
@Path("/api/rules/stats")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class RuleStatsResource {

    @Inject
    TrendService trends;

    @GET
    public List<TrendService.RuleStats> stats(@QueryParam("tz") String tz) {
        return trends.ruleStats(TrendRange.zone(tz));
    }
}
