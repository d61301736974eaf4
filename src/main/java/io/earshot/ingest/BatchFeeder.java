package io.earshot.ingest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.web.ApiException;

/**
 * Drains a {@link RecordSource} into the pipeline in batches and adds up the results. While one
 * batch commits (database, index), the next is parsed and matched on another thread, so the CPU
 * work of a large import overlaps its I/O.
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
        Future<PreparedBatch> pending = null;
        try (source) {
            pending = prepare(sourceName, source.next(config.batchSize()));
            while (true) {
                PreparedBatch current = pending.get();
                if (current.records() == 0) {
                    return total;
                }
                pending = prepare(sourceName, source.next(config.batchSize()));
                total = total.plus(pipeline.commit(current), config.maxErrors());
            }
        } catch (IOException e) {
            // The records before the failure are committed; the answer says where reading stopped.
            throw new ApiException(400, "unreadable upload", e.getMessage() + " (records before it were stored: "
                    + total.accepted() + " accepted, " + total.rejected() + " refused)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    private Future<PreparedBatch> prepare(String sourceName, List<RawPost> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new PreparedBatch(sourceName, 0, List.of(), 0, List.of(), List.of(), 0));
        }
        return preparer.submit(() -> pipeline.prepare(sourceName, records));
    }

    @PreDestroy
    void close() {
        preparer.shutdownNow();
    }
}
