package io.earshot.trends;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/** {@code GET /api/alerts?limit=}: spike alerts, newest hour first. */
@Path("/api/alerts")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class AlertResource {

    /** The answer: alerts, newest first. */
    public record Alerts(List<AlertView> items) {
    }

    @Inject
    AlertService alerts;

    @GET
    public Alerts list(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) {
            throw ApiException.badRequest("invalid parameter", "limit must be 1..500");
        }
        return new Alerts(alerts.newest(n));
    }
}
