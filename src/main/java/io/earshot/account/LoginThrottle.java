package io.earshot.account;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Slows down password guessing. Failed log-ins are counted per user name and per client address;
 * {@link LoginConfig#maxFailures()} failures for a name (or {@link LoginConfig#maxFailuresPerAddress()}
 * from an address) within {@link LoginConfig#failureWindow()} lock that name (or address) out for
 * {@link LoginConfig#lockout()}, doubling with each further lock-out up to {@link LoginConfig#maxLockout()}.
 * While locked out every attempt is refused, even with the right password, exactly as a wrong password
 * is refused, so an attacker learns nothing from it.
 *
 * <p>The counts live in this instance's memory: behind a load balancer each instance throttles on its
 * own, and a restart forgets them. Failures are counted in {@code earshot_login_failures_total} (tag
 * {@code reason}: {@code bad-credentials} or {@code locked-out}), lock-outs in
 * {@code earshot_login_lockouts_total} (tag {@code by}: {@code name} or {@code address}).
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many names (or addresses) idle entries are pruned; past it, new keys are not tracked. */
    static final int MAX_TRACKED = 100_000;
    private static final int MAX_KEY_LENGTH = 100;

    /** What is known about one name or address; replaced, never changed, so map updates stay atomic. */
    private record Attempts(int failures, long windowStart, long lastFailure, int lockouts, long lockedUntil) {

        static final Attempts NONE = new Attempts(0, 0, 0, 0, 0);

        boolean locked(long now) {
            return lockedUntil > now;
        }

        /** Nothing left to remember: the lock is over and the last failure is out of the window. */
        boolean idle(long now, long window) {
            return !locked(now) && now - lastFailure > window;
        }
    }

    private final LoginConfig config;
    private final Clock clock;
    private final Map<String, Attempts> byName = new ConcurrentHashMap<>();
    private final Map<String, Attempts> byAddress = new ConcurrentHashMap<>();
    private final Counter badCredentials;
    private final Counter lockedOut;
    private final Counter nameLockouts;
    private final Counter addressLockouts;

    @Inject
    public LoginThrottle(LoginConfig config, MeterRegistry registry) {
        this(config, registry, Clock.systemUTC());
    }

    LoginThrottle(LoginConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.badCredentials = Counter.builder("earshot.login.failures").tag("reason", "bad-credentials")
                .description("Log-in attempts refused for a wrong user name or password").register(registry);
        this.lockedOut = Counter.builder("earshot.login.failures").tag("reason", "locked-out")
                .description("Log-in attempts refused because the user name or address was locked out")
                .register(registry);
        this.nameLockouts = Counter.builder("earshot.login.lockouts").tag("by", "name").register(registry);
        this.addressLockouts = Counter.builder("earshot.login.lockouts").tag("by", "address").register(registry);
    }

    /**
     * Whether a password may be checked for this user name from this address now. A refusal is
     * counted as a failure of reason {@code locked-out}.
     *
     * @param address the client's IP address, or {@code null} when unknown
     */
    public boolean allows(String username, String address) {
        long now = clock.millis();
        boolean locked = byName.getOrDefault(nameKey(username), Attempts.NONE).locked(now)
                || address != null && byAddress.getOrDefault(address, Attempts.NONE).locked(now);
        if (locked) {
            lockedOut.increment();
        }
        return !locked;
    }

    /** Counts a wrong user name or password, locking the name or the address out when it reaches its limit. */
    public void failed(String username, String address) {
        badCredentials.increment();
        long now = clock.millis();
        count(byName, nameKey(username), config.maxFailures(), now, nameLockouts, "user name");
        if (address != null) {
            count(byAddress, address, config.maxFailuresPerAddress(), now, addressLockouts, "address");
        }
    }

    /**
     * Forgets the failures of a user name after its right password was given. The address keeps its
     * count: one good log-in must not let an address go on guessing other names.
     */
    public void succeeded(String username) {
        byName.remove(nameKey(username));
    }

    private void count(Map<String, Attempts> attempts, String key, int limit, long now, Counter lockouts,
            String what) {
        if (!attempts.containsKey(key) && !roomFor(attempts, now)) {
            return;
        }
        Attempts after = attempts.compute(key, (k, before) -> fail(before == null ? Attempts.NONE : before, limit, now));
        if (after.failures() == 0 && after.lockedUntil() > now) {
            lockouts.increment();
            Log.warnf("Log-in locked for %s '%s' until %s after %d failed attempts (lock-out %d)", what,
                    printable(key), java.time.Instant.ofEpochMilli(after.lockedUntil()), limit, after.lockouts());
        }
    }

    private Attempts fail(Attempts before, int limit, long now) {
        long window = config.failureWindow().toMillis();
        boolean fresh = before.failures() == 0 || now - before.windowStart() > window;
        int failures = fresh ? 1 : before.failures() + 1;
        long windowStart = fresh ? now : before.windowStart();
        // Lock-outs grow only while failures keep coming; an idle entry starts again from the first.
        int lockouts = before.idle(now, window) ? 0 : before.lockouts();
        if (failures < limit) {
            return new Attempts(failures, windowStart, now, lockouts, before.lockedUntil());
        }
        long first = config.lockout().toMillis();
        long lockout = Math.min(config.maxLockout().toMillis(), first << Math.min(lockouts, 20));
        return new Attempts(0, now, now, lockouts + 1, now + lockout);
    }

    /** Makes room for a new key by dropping idle ones; {@code false} when the map is still full. */
    private boolean roomFor(Map<String, Attempts> attempts, long now) {
        if (attempts.size() < MAX_TRACKED) {
            return true;
        }
        long window = config.failureWindow().toMillis();
        attempts.values().removeIf(a -> a.idle(now, window));
        return attempts.size() < MAX_TRACKED;
    }

    private static String nameKey(String username) {
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        return name.length() > MAX_KEY_LENGTH ? name.substring(0, MAX_KEY_LENGTH) : name;
    }

    /** A name typed by anyone, made safe for one log line. */
    private static String printable(String key) {
        return key.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
