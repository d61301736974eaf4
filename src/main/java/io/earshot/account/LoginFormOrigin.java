package io.earshot.account;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Refuses a log-in form post sent from another site. Without this, a hostile page could log a
 * visitor's browser into an account the attacker controls (log-in CSRF), and everything the visitor
 * then typed would land in that account. The form post is handled by Quarkus before any resource,
 * so the CSRF filter does not see it; browsers send {@code Origin} with every cross-site post.
 */
@ApplicationScoped
public class LoginFormOrigin {

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String postLocation;

    void register(@Observes Filters filters) {
        filters.register(context -> {
            HttpServerRequest request = context.request();
            String origin = request.getHeader("Origin");
            if (request.method() == HttpMethod.POST && context.normalizedPath().equals(postLocation)
                    && origin != null && !fromHere(origin, request.authority())) {
                context.response().setStatusCode(403).end();
                return;
            }
            context.next();
        }, 2000);
    }

    /** Whether {@code Origin} names the host and port the request was sent to ("null" never does). */
    static boolean fromHere(String origin, HostAndPort here) {
        try {
            URI from = URI.create(origin);
            if (from.getHost() == null || here == null) {
                return false;
            }
            int port = from.getPort() >= 0 ? from.getPort() : "https".equals(from.getScheme()) ? 443 : 80;
            int herePort = here.port() >= 0 ? here.port() : port;
            return from.getHost().equalsIgnoreCase(here.host()) && port == herePort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
