package io.earshot.account;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How log-in attempts are throttled, under {@code earshot.login}. */
@ConfigMapping(prefix = "earshot.login")
public interface LoginConfig {

    /**
     * {@code earshot.login.max-failures}: failed attempts for one user name within
     * {@link #failureWindow()} that lock the name out.
     */
    @WithDefault("5")
    int maxFailures();

    /**
     * {@code earshot.login.max-failures-per-address}: failed attempts from one client address (for any
     * user names) within {@link #failureWindow()} that lock the address out. Higher than
     * {@link #maxFailures()} because many people may share an address behind one office router.
     */
    @WithDefault("20")
    int maxFailuresPerAddress();

    /** {@code earshot.login.failure-window}: how long a failed attempt counts. */
    @WithDefault("PT15M")
    Duration failureWindow();

    /**
     * {@code earshot.login.lockout}: the first lock-out; each further lock-out of the same name or
     * address doubles it, up to {@link #maxLockout()}.
     */
    @WithDefault("PT1M")
    Duration lockout();

    /** {@code earshot.login.max-lockout}: the longest lock-out. */
    @WithDefault("PT1H")
    Duration maxLockout();
}
