package io.earshot.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
            handles.add(key(value.substring(0, colon), handle.startsWith("@") ? handle.substring(1) : handle));
        }
    }

    public boolean isBrand(Post post) {
        if (post.outbound() != null) {
            return post.outbound();
        }
        return handles.contains(key(post.platform(), post.author().handle()));
    }

    private static PostKey key(String platform, String handle) {
        return new PostKey(platform.toLowerCase(Locale.ROOT), handle.toLowerCase(Locale.ROOT));
    }
}
