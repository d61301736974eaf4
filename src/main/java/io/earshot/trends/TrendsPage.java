package io.earshot.trends;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.earshot.account.Roles;
import io.earshot.rules.Rule;
import io.earshot.rules.RuleService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code /trends}: the trends page. The server renders the pickers from the URL's state; the
 * browser ({@code /js/trends.js}) draws the chart, the top tables and the alert markers from the
 * trends API with the parameters this page hands it, so the page and its CSV export always agree.
 */
@Path(TrendsPageQuery.PATH)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class TrendsPage {

    /** Series the page shows when the URL names none: the first live rules. */
    static final int DEFAULT_RULES = 5;

    /** What the page template needs: the state, the rules to pick from and the API parameters. */
    public record View(TrendsPageQuery query, List<Rule> rules, String apiQuery, String periodQuery) {

        /** The fields of the top tables beside the chart ({@code /api/trends/top?field=}). */
        public List<String> topFields() {
            return TOP_FIELDS;
        }
    }

    static final List<String> TOP_FIELDS = List.of("hashtag", "mention", "author", "term");

    @CheckedTemplate(basePath = "trends")
    static class Templates {
        static native TemplateInstance page(View view);
    }

    @Inject
    RuleService rules;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@Context UriInfo uri) {
        List<Rule> live = rules.list();
        TrendsPageQuery query = TrendsPageQuery.of(uri.getQueryParameters());
        if (query.series().isEmpty()) {
            query = query.withSeries(live.stream().filter(r -> r.enabled).limit(DEFAULT_RULES).map(r -> "rule:" + r.id)
                    .toList());
        }
        Instant now = Instant.now();
        return Templates.page(new View(query, live, query.apiQuery(now), query.periodQuery(now)));
    }
}
