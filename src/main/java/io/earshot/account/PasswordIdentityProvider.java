package io.earshot.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks user names and passwords against {@link User}, remembering a successful check for a
 * minute. API clients send HTTP Basic credentials with every request, and a bcrypt verification
 * costs about 135 ms on this hardware (measured: an authenticated GET took 138 ms, an anonymous one
 * 5 ms); remembering it makes the password cost once a minute instead of once a request.
 *
 * <p>The cache key is the user name with a salted SHA-256 of the password, so no password is kept in
 * memory, and a changed password or a deleted user stops working within {@link #REMEMBER_FOR}, or at
 * once through {@link #forget(String)}, which follows every {@link AccountChanged}. A log-in used in the
 * last {@link #REFRESH_AHEAD} of its minute is checked again in the background, so a client that keeps
 * calling does not pay the bcrypt check in one of its requests every minute; a check that fails forgets it.
 *
 * <p>Attempts that are not remembered go through the {@link LoginThrottle} first. A remembered log-in
 * skips it: an API client that keeps sending its right password is not locked out by someone guessing
 * at its name. An unknown user name costs a bcrypt check like a known one, so the time of the answer
 * does not tell which names exist. A successful form log-in also begins the session's
 * {@link SessionIdentityProvider stamp}. Runs before Quarkus Security JPA's own provider.
 */
@ApplicationScoped
@Unremovable
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(1);
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(15);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(String username, String role, String stamp, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final byte[] salt = new byte[16];
    /** Checked against when the user name is unknown, so that costs what a wrong password costs. */
    private final String unknownUserHash;

    @Inject
    LoginThrottle throttle;

    @Inject
    SessionIdentityProvider sessions;

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String formPostLocation;

    public PasswordIdentityProvider() {
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        unknownUserHash = BcryptUtil.bcryptHash(Long.toString(random.nextLong()));
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Before Quarkus Security JPA's provider, which has the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String key = username + '\u0000' + digest(password);
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        Remembered hit = remembered.get(key);
        long now = System.currentTimeMillis();
        if (hit != null && hit.until() > now) {
            if (hit.until() - now < REFRESH_AHEAD.toMillis() && refreshing.add(key)) {
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        refresh(key, username, password);
                    } catch (RuntimeException e) {
                        // The database is away: the log-in stays remembered until its minute ends.
                        Log.debugf(e, "Could not check the log-in of '%s' again", username);
                    } finally {
                        refreshing.remove(key);
                    }
                });
            }
            return Uni.createFrom().item(loggedIn(http, hit));
        }
        String address = clientAddress(http);
        return context.runBlocking(() -> {
            if (!throttle.allows(username, address)) {
                throw new AuthenticationFailedException("invalid user name or password");
            }
            User user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).orElse(null));
            boolean matches = BcryptUtil.matches(password, user == null ? unknownUserHash : user.password);
            if (user == null || !matches) {
                throttle.failed(username, address);
                throw new AuthenticationFailedException("invalid user name or password");
            }
            throttle.succeeded(username);
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            Remembered login = rememberedFor(user);
            remembered.put(key, login);
            return loggedIn(http, login);
        });
    }

    /** Checks a remembered log-in's password again: remembered for another minute if it still matches, else forgotten. */
    private void refresh(String key, String username, String password) {
        User user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).orElse(null));
        if (user != null && BcryptUtil.matches(password, user.password)) {
            Remembered again = rememberedFor(user);
            // Only while still remembered: a password change meanwhile forgot it, and that stands.
            remembered.computeIfPresent(key, (k, before) -> again);
        } else {
            remembered.remove(key);
        }
    }

    /** A verified log-in of this user, good for {@link #REMEMBER_FOR} from now. */
    private static Remembered rememberedFor(User user) {
        return new Remembered(user.username, user.role, SessionIdentityProvider.stamp(user.username, user.password),
                System.currentTimeMillis() + REMEMBER_FOR.toMillis());
    }

    /** Forgets every remembered log-in of this user (after a password change or deletion). */
    public void forget(String username) {
        remembered.values().removeIf(r -> r.username().equals(username));
    }

    void forgetChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged change) {
        forget(change.username());
    }

    private SecurityIdentity loggedIn(RoutingContext http, Remembered login) {
        if (http != null && http.request().method() == HttpMethod.POST
                && http.normalizedPath().equals(formPostLocation)) {
            sessions.begin(http, login.stamp());
        }
        return SessionIdentityProvider.identity(login.username(), login.role());
    }

    private static String clientAddress(RoutingContext http) {
        SocketAddress remote = http == null ? null : http.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private String digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
