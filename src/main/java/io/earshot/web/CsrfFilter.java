package io.earshot.web;

import java.net.URI;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.earshot.account.SessionIdentityProvider;

/**
 * Refuses state-changing requests a browser could have been tricked into sending. A request that
 * rides on the log-in session cookie must carry the page's CSRF token; any request whose
 * {@code Origin} names another site is refused. API clients that authenticate every request with
 * HTTP Basic and no session cookie need no token: a forged request cannot add that header.
 */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfTokens tokens;

    @ServerRequestFilter(preMatching = true)
    public Response checkToken(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            return refuse("the request came from another site (" + origin + ")");
        }
        boolean session = request.getCookies().containsKey(SessionIdentityProvider.SESSION_COOKIE);
        if (session && !tokens.verify(request.getHeaderString(CsrfTokens.HEADER))) {
            return refuse("missing or stale CSRF token; reload the page and try again");
        }
        return null;
    }

    @ServerResponseFilter
    public void issueToken(ContainerResponseContext response) {
        var cookie = tokens.cookieToSet();
        if (cookie != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
        }
    }

    private static boolean sameOrigin(String origin, ContainerRequestContext request) {
        try {
            URI from = URI.create(origin);
            String host = request.getHeaderString(HttpHeaders.HOST);
            String fromHost = from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
            return host != null && host.equalsIgnoreCase(fromHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refuse(String detail) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("csrf", detail)).build();
    }
}
