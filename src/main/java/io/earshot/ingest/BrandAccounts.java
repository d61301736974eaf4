package io.earshot.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

import io.earshot.post.Post;
import io.earshot.post.PostKey;

/**
 * The brand's own accounts ({@code earshot.brand.handles}, e.g. {@code x:AcmeSupport,bluesky:acme.example}).
 * Their posts are outbound messages. A source that knows better (the twcs importer's {@code inbound}
 * column) says so in the envelope's {@code direction}, which wins.
 */
@ApplicationScoped
@Startup
public class BrandAccounts {

    private final Set<PostKey> handles = new HashSet<>();
    private final Map<String, String> firstHandle = new HashMap<>();

    public BrandAccounts(@ConfigProperty(name = "earshot.brand.handles") Optional<List<String>> configured) {
        for (String entry : configured.orElse(List.of())) {
            String value = entry.strip();
            int colon = value.indexOf(':');
            if (value.isEmpty()) {
                continue;
            }
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IllegalArgumentException("earshot.brand.handles entries are platform:handle; got '" + value + "'");
            }
            String handle = value.substring(colon + 1);
            String bare = handle.startsWith("@") ? handle.substring(1) : handle;
            handles.add(key(value.substring(0, colon), bare));
            firstHandle.putIfAbsent(value.substring(0, colon).toLowerCase(Locale.ROOT), bare);
        }
    }

    public boolean isBrand(Post post) {
        if (post.outbound() != null) {
            return post.outbound();
        }
        return handles.contains(key(post.platform(), post.author().handle()));
    }

    /** The brand's handle on this platform as configured (the first one listed), if any. */
    public Optional<String> handleFor(String platform) {
        return Optional.ofNullable(firstHandle.get(platform.toLowerCase(Locale.ROOT)));
    }

    /** The platforms the brand has an account on, lower-case. */
    public Set<String> platforms() {
        return Set.copyOf(firstHandle.keySet());
    }

    private static PostKey key(String platform, String handle) {
        return new PostKey(platform.toLowerCase(Locale.ROOT), handle.toLowerCase(Locale.ROOT));
    }
}
