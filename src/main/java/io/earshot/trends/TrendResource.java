package io.earshot.trends;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.earshot.account.Roles;

/**
 * {@code GET /api/trends}: volume over time of rules, hashtags, words and free queries;
 * {@code GET /api/trends/top}: top values and significant words, against the period before.
 */
@Path("/api/trends")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class TrendResource {

    @Inject
    TrendService trends;

    @Inject
    TopService top;

    @GET
    public TrendView volume(@QueryParam("series") List<String> series, @QueryParam("interval") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz) {
        return trends.volume(series, interval, from, to, tz);
    }

    @GET
    @Path("top")
    public TopService.Top top(@QueryParam("field") String field, @QueryParam("q") String q,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz,
            @QueryParam("limit") Integer limit) {
        return top.top(field, q, from, to, tz, limit);
    }
}
