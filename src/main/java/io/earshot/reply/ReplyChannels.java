package io.earshot.reply;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.ingest.BrandAccounts;
import io.earshot.ingest.KafkaClients;

/**
 * Whether replies on a platform can leave the building: a channel is connected when Kafka is on and the
 * platform is one a connector serves ({@code earshot.reply.channels}, by default the brand's platforms).
 * With Kafka off, replies stay queued and every channel is disconnected.
 */
@ApplicationScoped
public class ReplyChannels {

    @Inject
    ReplyConfig config;

    @Inject
    KafkaClients kafka;

    @Inject
    BrandAccounts brand;

    /** The platforms with a channel, connected or not. */
    public Set<String> platforms() {
        Set<String> platforms = new TreeSet<>(brand.platforms());
        platforms.addAll(served());
        return platforms;
    }

    public boolean connected(String platform) {
        return kafka.enabled() && served().contains(platform.toLowerCase(Locale.ROOT));
    }

    /** Every known platform and whether its channel is connected. */
    public Map<String, Boolean> all() {
        Map<String, Boolean> all = new TreeMap<>();
        for (String platform : platforms()) {
            all.put(platform, connected(platform));
        }
        return all;
    }

    private Set<String> served() {
        return config.channels().<Set<String>>map(list -> new TreeSet<>(list.stream()
                .map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList()))
                .orElseGet(brand::platforms);
    }
}
