package io.earshot.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Keeps the JSON API answering {@code 401} to callers who are not signed in. Form log-in challenges
 * anonymous requests with a redirect to the log-in page, which is right for pages and wrong for
 * {@code /api}: an API client (or a page's script) must see 401 and the Basic challenge, not an HTML page.
 */
@ApplicationScoped
public class ApiChallenge {

    private static final String LOGIN_PAGE = "/login";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            if (context.normalizedPath().startsWith("/api/")) {
                context.addHeadersEndHandler(ignored -> {
                    var response = context.response();
                    String location = response.headers().get("Location");
                    if (response.getStatusCode() == 302 && location != null && location.endsWith(LOGIN_PAGE)) {
                        response.setStatusCode(401);
                        response.headers().remove("Location");
                        response.headers().set("WWW-Authenticate", "Basic realm=\"Earshot\"");
                        // After logging in, the browser should land on a page, not on a JSON document.
                        response.headers().remove("Set-Cookie");
                    }
                });
            }
            context.next();
        }, 1000);
    }
}
