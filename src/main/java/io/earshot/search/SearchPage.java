package io.earshot.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.earshot.account.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code /search}: the search page. One handler serves the whole page, or for htmx just the part
 * that changed: the results (a new search, a facet or a chip clicked) or the next page of hits
 * ("more results", which carries a cursor). Every filter lives in the URL, which htmx pushes into
 * the address bar, so a search can be bookmarked, shared and reloaded.
 */
@Path(SearchPageQuery.PATH)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class SearchPage {

    static final String HX_REQUEST = "HX-Request";
    /** htmx asks for the whole page when it restores history it did not cache. */
    static final String HX_HISTORY_RESTORE = "HX-History-Restore-Request";
    static final String HX_PUSH_URL = "HX-Push-Url";

    @CheckedTemplate(basePath = "search")
    static class Templates {
        static native TemplateInstance page(SearchPageView view);

        static native TemplateInstance page$results(SearchPageView view);

        static native TemplateInstance page$more(SearchPageView view);
    }

    @Inject
    SearchPageService pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response search(@Context UriInfo uri, @HeaderParam(HX_REQUEST) boolean htmx,
            @HeaderParam(HX_HISTORY_RESTORE) boolean restore) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        SearchPageQuery query = SearchPageQuery.of(params.getFirst("q"), params.getFirst("sort"),
                params.getFirst("cursor"), params::get);
        SearchPageView view = pages.search(query);
        // The same URL answers a page or a fragment: caches must keep them apart.
        Response.ResponseBuilder response = Response.ok().header(HttpHeaders.VARY, HX_REQUEST);
        if (!htmx || restore) {
            return response.entity(Templates.page(view)).build();
        }
        if (query.cursor() != null) {
            return response.entity(Templates.page$more(view)).build();
        }
        // The address bar shows the search in its tidy form (no empty parameters).
        return response.entity(Templates.page$results(view)).header(HX_PUSH_URL, query.href()).build();
    }
}
