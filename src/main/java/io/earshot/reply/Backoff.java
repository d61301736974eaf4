package io.earshot.reply;

import java.time.Duration;

/** A wait that starts at {@code first} and doubles after each failure, up to a minute; success resets it. */
final class Backoff {

    private static final Duration MAX = Duration.ofMinutes(1);

    private final Duration first;
    private Duration current;

    Backoff(Duration first) {
        this.first = first;
        this.current = first;
    }

    /** The wait before the next try, doubling the one after it. */
    Duration next() {
        Duration wait = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        return wait;
    }

    void reset() {
        current = first;
    }
}
