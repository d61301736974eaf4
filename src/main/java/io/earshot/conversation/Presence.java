package io.earshot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who has which conversation open, and who is typing a reply in it: kept in memory from the
 * pages' heartbeats (every 10 s), forgotten after {@link #FORGET_AFTER} without one. Per instance:
 * behind a load balancer, teammates on another instance are not seen (documented).
 */
@ApplicationScoped
public class Presence {

    static final Duration FORGET_AFTER = Duration.ofSeconds(25);

    /** A teammate on a thread. */
    public record Viewer(String username, boolean typing) {
    }

    private record Beat(Instant at, boolean typing) {
    }

    private final Map<Long, Map<String, Beat>> beats = new ConcurrentHashMap<>();

    /** Records a heartbeat; answers whether what others should see changed. */
    public boolean beat(long conversationId, String username, boolean typing, Instant now) {
        List<Viewer> before = viewers(conversationId);
        beats.computeIfAbsent(conversationId, id -> new ConcurrentHashMap<>()).put(username, new Beat(now, typing));
        return !before.equals(viewers(conversationId));
    }

    /** The teammates on a thread, by name. */
    public List<Viewer> viewers(long conversationId) {
        Map<String, Beat> on = beats.getOrDefault(conversationId, Map.of());
        return new TreeMap<>(on).entrySet().stream().map(e -> new Viewer(e.getKey(), e.getValue().typing())).toList();
    }

    /** Forgets silent viewers; answers the conversations whose viewers changed. */
    public Set<Long> forgetSilent(Instant now) {
        Set<Long> changed = ConcurrentHashMap.newKeySet();
        beats.forEach((id, on) -> {
            if (on.values().removeIf(b -> b.at().isBefore(now.minus(FORGET_AFTER)))) {
                changed.add(id);
            }
            if (on.isEmpty()) {
                beats.remove(id, on);
            }
        });
        return changed;
    }
}
