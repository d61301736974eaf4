package io.earshot.ingest;

import java.time.Duration;

/** A wait that starts at {@code first} and doubles after each failure, up to a minute; success resets it. */
public final class Backoff {

    private static final Duration MAX = Duration.ofMinutes(1);

    private final Duration first;
    private Duration current;

    public Backoff(Duration first) {
        this.first = first;
        this.current = first;
    }

    /** The wait before the next try, doubling the one after it. */
    public Duration next() {
        Duration wait = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        return wait;
    }

    public void reset() {
        current = first;
    }
}
