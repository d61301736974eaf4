package io.earshot.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks user names and passwords against {@link User}, remembering a successful check for a
 * minute. API clients send HTTP Basic credentials with every request, and a bcrypt verification
 * costs about 135 ms on this hardware (measured: an authenticated GET took 138 ms, an anonymous one
 * 5 ms); remembering it makes the password cost once a minute instead of once a request.
 *
 * <p>The cache key is the user name with a salted SHA-256 of the password, so no password is kept in
 * memory, and a changed password or a deleted user stops working within {@link #REMEMBER_FOR}, or at
 * once through {@link #forget(String)}. Runs before Quarkus Security JPA's own provider.
 */
@ApplicationScoped
@Unremovable
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(String username, String role, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[16];

    public PasswordIdentityProvider() {
        new SecureRandom().nextBytes(salt);
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
        Remembered hit = remembered.get(key);
        if (hit != null && hit.until() > System.currentTimeMillis()) {
            return Uni.createFrom().item(identity(hit.username(), hit.role()));
        }
        return context.runBlocking(() -> {
            User user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).orElse(null));
            if (user == null || !BcryptUtil.matches(password, user.password)) {
                throw new AuthenticationFailedException("invalid user name or password");
            }
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(user.username, user.role,
                    System.currentTimeMillis() + REMEMBER_FOR.toMillis()));
            return identity(user.username, user.role);
        });
    }

    /** Forgets every remembered log-in of this user (after a password change or deletion). */
    public void forget(String username) {
        remembered.values().removeIf(r -> r.username().equals(username));
    }

    private static SecurityIdentity identity(String username, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRole(role).build();
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
