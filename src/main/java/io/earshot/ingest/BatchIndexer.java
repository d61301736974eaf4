package io.earshot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The pipeline's index stage: one thread indexes stored batches in the order they were stored, and
 * refreshes the index unless another batch already waits behind the one it just indexed (and fewer
 * than {@code maxUnrefreshedDocs} documents wait for a refresh): then the next batch's refresh makes
 * both searchable. Each batch's answer completes once its documents are searchable, so a source
 * acknowledges nothing earlier than with a refresh per batch.
 *
 * <p>Every refresh flushes a segment, which merges then rewrite several times over: indexing the
 * benchmark's posts with a refresh per 1,000 documents cost a third more CPU than with one per
 * 3,000. Under steady load the queue is mostly empty and each batch is refreshed at once; under a
 * backlog (a replay, an import, catching up) segments come out larger.
 */
final class BatchIndexer {

    /** Documents waiting for a refresh before one is due even though more batches wait. */
    static final int MAX_UNREFRESHED_DOCS = 3_000;

    private record Waiting<T>(Supplier<T> answer, CompletableFuture<T> searchable) {
        void complete() {
            searchable.complete(answer.get());
        }
    }

    private final ThreadPoolExecutor thread;
    private final Runnable refresh;
    private final int maxUnrefreshedDocs;
    private final LongConsumer busyNanos;
    /** Batches indexed but not searchable yet, oldest first; only the index thread touches these. */
    private final List<Waiting<?>> unrefreshed = new ArrayList<>();
    private int unrefreshedDocs;

    /**
     * @param refresh makes every document added so far searchable
     * @param busyNanos told how long each batch kept the thread busy
     */
    BatchIndexer(String threadName, Runnable refresh, int maxUnrefreshedDocs, LongConsumer busyNanos) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.refresh = refresh;
        this.maxUnrefreshedDocs = maxUnrefreshedDocs;
        this.busyNanos = busyNanos;
    }

    /**
     * Queues a batch: {@code add} adds its {@code documents} documents to the index without making
     * them searchable. The answer completes with {@code answer} once they are searchable, or fails
     * with the failure of its add or of the refresh it waited for.
     */
    <T> CompletableFuture<T> index(int documents, Runnable add, Supplier<T> answer) {
        Waiting<T> batch = new Waiting<>(answer, new CompletableFuture<>());
        thread.execute(() -> run(batch, documents, add));
        return batch.searchable();
    }

    private void run(Waiting<?> batch, int documents, Runnable add) {
        long started = System.nanoTime();
        try {
            unrefreshed.add(batch);
            add.run();
            unrefreshedDocs += documents;
            if (thread.getQueue().isEmpty() || unrefreshedDocs >= maxUnrefreshedDocs) {
                refresh.run();
                List<Waiting<?>> done = List.copyOf(unrefreshed);
                forget();
                done.forEach(Waiting::complete);
            }
        } catch (RuntimeException e) {
            List<Waiting<?>> failed = List.copyOf(unrefreshed);
            forget();
            failed.forEach(waiting -> waiting.searchable().completeExceptionally(e));
        } finally {
            busyNanos.accept(System.nanoTime() - started);
        }
    }

    private void forget() {
        unrefreshed.clear();
        unrefreshedDocs = 0;
    }

    /** Stops the thread; batches not indexed yet are left to the index's start-up catch-up. */
    void shutdownNow() {
        thread.shutdownNow();
    }
}
