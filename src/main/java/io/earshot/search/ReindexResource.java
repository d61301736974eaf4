package io.earshot.search;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.earshot.account.Roles;
import io.earshot.web.ApiException;

/**
 * {@code POST /api/admin/reindex}: rebuilds the search index from the database while search and
 * ingest go on, and answers when the new index is live.
 */
@Path("/api/admin/reindex")
@RolesAllowed(Roles.ADMIN)
public class ReindexResource {

    /** What a rebuild did. */
    public record Reindexed(long documents, double seconds) {
    }

    @Inject
    SearchIndex index;

    @Inject
    Event<IndexRebuilt> rebuilt;

    private final AtomicBoolean running = new AtomicBoolean();

    @POST
    public Reindexed reindex() {
        if (!running.compareAndSet(false, true)) {
            throw new ApiException(409, "conflict", "a rebuild is already running");
        }
        try {
            long started = System.nanoTime();
            long documents = index.rebuild();
            // Other derived views (trend rollups) rebuild with the index, before the answer.
            rebuilt.fire(new IndexRebuilt(documents));
            return new Reindexed(documents, (System.nanoTime() - started) / 1e9);
        } finally {
            running.set(false);
        }
    }
}
