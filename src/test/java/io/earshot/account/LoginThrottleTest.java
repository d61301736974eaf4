package io.earshot.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The throttle's arithmetic, on a clock the test moves by hand. */
class LoginThrottleTest {

    private static final String NAME = "jane";
    private static final String HOME = "192.0.2.10";
    private static final String OTHER = "192.0.2.99";

    /** A clock that stands still until moved. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private record Limits(int maxFailures, int maxFailuresPerAddress, Duration failureWindow, Duration lockout,
            Duration maxLockout) implements LoginConfig {
    }

    private static final Limits LIMITS = new Limits(5, 8, Duration.ofMinutes(15), Duration.ofMinutes(1),
            Duration.ofMinutes(5));

    private final HandClock clock = new HandClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LoginThrottle throttle = new LoginThrottle(LIMITS, registry, clock);

    private void fail(int times, String name, String address) {
        for (int i = 0; i < times; i++) {
            assertTrue(throttle.allows(name, address), "attempt " + (i + 1) + " is allowed");
            throttle.failed(name, address);
        }
    }

    private double counted(String name, String tag, String value) {
        return registry.counter(name, tag, value).count();
    }

    @Test
    void fiveFailuresForANameLockItOutFromAnyAddress() {
        fail(4, NAME, HOME);
        assertTrue(throttle.allows(NAME, OTHER));
        throttle.failed(NAME, OTHER);
        assertFalse(throttle.allows(NAME, HOME));
        assertFalse(throttle.allows(NAME, OTHER));
        assertTrue(throttle.allows("someone-else", HOME));
        assertEquals(5, counted("earshot.login.failures", "reason", "bad-credentials"));
        assertEquals(2, counted("earshot.login.failures", "reason", "locked-out"));
        assertEquals(1, counted("earshot.login.lockouts", "by", "name"));
    }

    @Test
    void theNameIsCaseInsensitive() {
        fail(5, "Jane", HOME);
        assertFalse(throttle.allows("jANE", OTHER));
    }

    @Test
    void theLockOutEndsAndEachFurtherOneLastsTwiceAsLongUpToTheLongest() {
        long[] expectedMinutes = { 1, 2, 4, 5, 5 };
        for (long minutes : expectedMinutes) {
            fail(5, NAME, null);
            clock.advance(Duration.ofMinutes(minutes).minusSeconds(1));
            assertFalse(throttle.allows(NAME, null), "still locked just before " + minutes + " min");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(throttle.allows(NAME, null), "free again after " + minutes + " min");
        }
    }

    @Test
    void aNameLeftAloneForTheWindowStartsAgainFromTheFirstLockOut() {
        fail(5, NAME, null);
        clock.advance(Duration.ofMinutes(1));
        fail(5, NAME, null);
        clock.advance(Duration.ofMinutes(2).plus(LIMITS.failureWindow()).plusSeconds(1));
        fail(5, NAME, null);
        clock.advance(Duration.ofMinutes(1));
        assertTrue(throttle.allows(NAME, null), "back to a 1-minute lock-out");
    }

    @Test
    void failuresOlderThanTheWindowDoNotAddUp() {
        fail(4, NAME, HOME);
        clock.advance(LIMITS.failureWindow().plusSeconds(1));
        fail(4, NAME, HOME);
        assertTrue(throttle.allows(NAME, HOME));
    }

    @Test
    void theRightPasswordForgetsTheNamesFailuresButNotTheAddresses() {
        fail(4, NAME, HOME);
        throttle.succeeded(NAME);
        fail(4, NAME, HOME);
        assertTrue(throttle.allows(NAME, OTHER), "the name's count started again");
        // The address has now seen 8 failures: its own limit.
        assertFalse(throttle.allows("anybody", HOME));
        assertTrue(throttle.allows("anybody", OTHER));
        assertEquals(1, counted("earshot.login.lockouts", "by", "address"));
    }

    @Test
    void anAddressGuessingManyNamesIsLockedOut() {
        for (int i = 0; i < 8; i++) {
            fail(1, "name" + i, HOME);
        }
        assertFalse(throttle.allows("name-never-tried", HOME));
        assertTrue(throttle.allows("name0", OTHER), "one failure per name locks no name");
    }
}
