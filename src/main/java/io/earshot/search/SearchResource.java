package io.earshot.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.earshot.account.Roles;
import io.earshot.conversation.Status;
import io.earshot.web.ApiException;

/**
 * {@code GET /api/search}: every stored post, in the query language of rules, with filters, facets,
 * highlights and cursor paging, for any signed-in user.
 */
@Path("/api/search")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class SearchResource {

    public static final int MAX_LIMIT = 100;
    private static final List<String> FACETS = new ArrayList<>(PostDocuments.FACET_DIMENSIONS);

    static {
        FACETS.add(SearchService.STATUS_FACET);
    }

    @Inject
    SearchService search;

    @GET
    public SearchResult search(@QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("rule") Long rule, @QueryParam("assignee") String assignee, @QueryParam("tag") String tag,
            @QueryParam("platform") String platform, @QueryParam("lang") String lang,
            @QueryParam("author") String author, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("sort") String sort, @QueryParam("limit") @DefaultValue("25") int limit,
            @QueryParam("cursor") String cursor, @QueryParam("facets") String facets,
            @QueryParam("group") String group) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid parameter", "limit must be 1-" + MAX_LIMIT);
        }
        SearchRequest.SortOrder order = sortOrder(sort, q);
        boolean grouped = group != null && !group.isBlank();
        if (grouped && !"conversation".equals(group)) {
            throw ApiException.badRequest("invalid parameter", "group must be conversation");
        }
        SearchRequest request = new SearchRequest(q, rule, blankToNull(platform), blankToNull(lang), blankToNull(author),
                instant(from, "from", false), instant(to, "to", true), null, order, limit, blankToNull(cursor),
                facets(facets), grouped);
        return search.search(request, status(status), blankToNull(assignee), blankToNull(tag));
    }

    private static SearchRequest.SortOrder sortOrder(String sort, String q) {
        if (sort == null || sort.isBlank()) {
            // Without words to rank by, the newest posts are what people look for.
            return q == null || q.isBlank() ? SearchRequest.SortOrder.NEWEST : SearchRequest.SortOrder.RELEVANCE;
        }
        try {
            return SearchRequest.SortOrder.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", "sort must be relevance, newest or oldest");
        }
    }

    private static List<String> facets(String facets) {
        if (facets == null || facets.isBlank()) {
            return List.of();
        }
        List<String> dims = new ArrayList<>();
        for (String dim : facets.split(",")) {
            String name = dim.strip().toLowerCase(Locale.ROOT);
            if (!FACETS.contains(name)) {
                throw ApiException.badRequest("invalid parameter", "facets are " + String.join(", ", FACETS));
            }
            if (!dims.contains(name)) {
                dims.add(name);
            }
        }
        return dims;
    }

    private static Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.parse(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", "status must be open, pending or closed");
        }
    }

    /** A date (the day's start, or its end for {@code to}) or an ISO-8601 date-time with offset. */
    private static Instant instant(String value, String name, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid parameter",
                    name + " must be a date (2026-11-25) or a date-time with offset (2026-11-25T09:00:00Z)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
