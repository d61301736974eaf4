package io.earshot.ingest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.web.ApiException;

/**
 * Drains a {@link RecordSource} into the pipeline in batches and adds up the results, three batches
 * in flight: while one is stored in the database, the one before it is indexed and the one after it
 * is parsed and matched, so the CPU work of a large import overlaps its I/O. It answers once every
 * batch is indexed.
 */
@ApplicationScoped
public class BatchFeeder {

    @Inject
    IngestPipeline pipeline;

    @Inject
    IngestConfig config;

    private final ExecutorService preparer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "earshot-prepare");
        t.setDaemon(true);
        return t;
    });

    public BatchResult feed(String sourceName, RecordSource source) {
        BatchResult total = BatchResult.empty();
        CompletableFuture<PreparedBatch> pending = null;
        CompletableFuture<BatchResult> indexing = null;
        try (source) {
            pending = prepare(sourceName, source.next(config.batchSize()));
            while (true) {
                PreparedBatch current = IngestPipeline.await(pending);
                if (current.records() == 0) {
                    return indexing == null ? total : total.plus(IngestPipeline.await(indexing), config.maxErrors());
                }
                pending = prepare(sourceName, source.next(config.batchSize()));
                CompletableFuture<BatchResult> stored = pipeline.store(current);
                if (indexing != null) {
                    total = total.plus(IngestPipeline.await(indexing), config.maxErrors());
                }
                indexing = stored;
            }
        } catch (IOException e) {
            // The records before the failure are committed; the answer says where reading stopped.
            throw new ApiException(400, "unreadable upload", e.getMessage() + " (records before it were stored: "
                    + total.accepted() + " accepted, " + total.rejected() + " refused)");
        } finally {
            if (pending != null) {
                pending.cancel(false);
            }
            if (indexing != null && !indexing.isDone()) {
                // Whoever retries after a failure finds the batch before indexed, or re-indexes it.
                indexing.exceptionally(e -> null).join();
            }
        }
    }

    /** Starts parsing and matching a batch on a thread of its own; an empty batch marks the end of a source. */
    CompletableFuture<PreparedBatch> prepare(String sourceName, List<RawPost> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(PreparedBatch.end(sourceName));
        }
        return CompletableFuture.supplyAsync(() -> pipeline.prepare(sourceName, records), preparer);
    }

    @PreDestroy
    void close() {
        preparer.shutdownNow();
    }
}
