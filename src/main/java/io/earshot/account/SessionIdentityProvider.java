package io.earshot.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.earshot.web.CsrfTokens;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Re-validates a browser session against the database on every request, so that deleting a user or
 * changing their password ends their sessions at once.
 *
 * <p>Quarkus's form log-in keeps the session in an encrypted cookie ({@value #SESSION_COOKIE}) holding
 * only the user name and an expiry time, and on each request asks for the identity of that name. The
 * name alone cannot tell a session begun before a password change from one begun after it, so log-in
 * also sets a second cookie, {@value #STAMP_COOKIE}, holding a digest of the user's name and password
 * hash (a new hash, with a new salt, on every password change). A session whose user is gone, or whose
 * stamp no longer matches, is refused and both cookies are expired. The stamp is derived from the
 * database alone, so sessions keep working across restarts and instances when
 * {@code QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY} is set.
 *
 * <p>Takes precedence over Quarkus Security JPA's own provider for sessions, which checks only that
 * the user exists.
 */
@ApplicationScoped
@Unremovable
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    /** The cookie Quarkus's form log-in keeps the session in. */
    public static final String SESSION_COOKIE = "quarkus-credential";
    /** The cookie binding a session to the password it was begun with. */
    public static final String STAMP_COOKIE = "earshot-session";

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-max-age")
    Optional<Duration> cookieMaxAge;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    /** Before Quarkus Security JPA's provider, which has the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        Cookie stamp = http == null ? null : http.request().getCookie(STAMP_COOKIE);
        return context.runBlocking(() -> {
            User user = QuarkusTransaction.requiringNew()
                    .call(() -> User.findByUsername(request.getPrincipal()).orElse(null));
            if (user == null || stamp == null || !matches(stamp(user.username, user.password), stamp.getValue())) {
                // One line per refused session: rare in use, and it names the cookie a client forgot.
                Log.infof("Session of '%s' refused: %s", request.getPrincipal(), user == null ? "no such user"
                        : stamp == null ? "no " + STAMP_COOKIE + " cookie (a client must send every cookie log-in set)"
                                : "the password changed since log-in");
                if (http != null) {
                    end(http);
                }
                throw new AuthenticationFailedException("the session has ended");
            }
            return identity(user.username, user.role);
        });
    }

    /**
     * Begins a session on the response to a successful form log-in: sets the stamp, and expires the
     * CSRF token cookie so that a token planted before log-in is not carried into the session.
     */
    void begin(RoutingContext http, String stamp) {
        Cookie cookie = Cookie.cookie(STAMP_COOKIE, stamp).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(http.request().isSSL());
        cookieMaxAge.ifPresent(age -> cookie.setMaxAge(age.toSeconds()));
        http.response().addCookie(cookie);
        http.response().addCookie(expired(CsrfTokens.COOKIE));
    }

    /** Expires the session's cookies on this response. */
    static void end(RoutingContext http) {
        http.response().addCookie(expired(SESSION_COOKIE));
        http.response().addCookie(expired(STAMP_COOKIE));
    }

    /** The stamp of a user's current password: changes whenever the password hash does. */
    static String stamp(String username, String passwordHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((username + '\u0000' + passwordHash).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static SecurityIdentity identity(String username, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRole(role).build();
    }

    private static boolean matches(String expected, String sent) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static Cookie expired(String name) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0);
    }
}
