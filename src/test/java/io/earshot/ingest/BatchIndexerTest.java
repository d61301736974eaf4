package io.earshot.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchIndexerTest {

    /** What the index thread did, in order: "add N", "refresh". */
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** Documents a search would see: those added before the last refresh. */
    private final List<String> searchable = Collections.synchronizedList(new ArrayList<>());
    private final List<String> added = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<RuntimeException> refreshFailure = new AtomicReference<>();
    private final BatchIndexer indexer = new BatchIndexer("test-index", this::refresh, 3_000, nanos -> {
    });

    @AfterEach
    void stop() {
        indexer.shutdownNow();
    }

    private void refresh() {
        log.add("refresh");
        if (refreshFailure.get() != null) {
            throw refreshFailure.get();
        }
        synchronized (added) {
            searchable.clear();
            searchable.addAll(added);
        }
    }

    private CompletableFuture<List<String>> batch(String name, int documents, CountDownLatch holdAdd) {
        return indexer.index(documents, () -> {
            await(holdAdd);
            log.add("add " + name);
            added.add(name);
        }, () -> List.copyOf(searchable));
    }

    @Test
    void aBatchAloneIsSearchableWhenItsAnswerCompletes() {
        List<String> seen = batch("a", 1_000, new CountDownLatch(0)).join();
        assertEquals(List.of("a"), seen);
        assertEquals(List.of("add a", "refresh"), log);
    }

    @Test
    void batchesQueuedBehindEachOtherShareOneRefreshAndNoneIsAnsweredBeforeIt() throws Exception {
        CountDownLatch holdFirst = new CountDownLatch(1);
        CompletableFuture<List<String>> first = batch("a", 500, holdFirst);
        CompletableFuture<List<String>> second = batch("b", 500, new CountDownLatch(0));
        CompletableFuture<List<String>> third = batch("c", 500, new CountDownLatch(0));
        holdFirst.countDown();

        // Every answer is given only once its own documents are searchable.
        assertTrue(first.get(10, TimeUnit.SECONDS).contains("a"));
        assertTrue(second.get(10, TimeUnit.SECONDS).contains("b"));
        assertEquals(List.of("a", "b", "c"), third.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("add a", "add b", "add c", "refresh"), log);
    }

    @Test
    void queuedBatchesAreRefreshedOnceEnoughDocumentsWait() throws Exception {
        CountDownLatch holdFirst = new CountDownLatch(1);
        List<CompletableFuture<List<String>>> answers = new ArrayList<>();
        answers.add(batch("a", 2_000, holdFirst));
        answers.add(batch("b", 1_000, new CountDownLatch(0)));
        answers.add(batch("c", 1_000, new CountDownLatch(0)));
        holdFirst.countDown();
        for (CompletableFuture<List<String>> answer : answers) {
            answer.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("add a", "add b", "refresh", "add c", "refresh"), log);
        assertEquals(List.of("a", "b"), answers.get(1).join());
    }

    @Test
    void aFailedRefreshFailsEveryBatchThatWaitedForItAndTheNextBatchStartsAfresh() throws Exception {
        CountDownLatch holdFirst = new CountDownLatch(1);
        RuntimeException full = new IllegalStateException("No space left on device");
        refreshFailure.set(full);
        CompletableFuture<List<String>> first = batch("a", 10, holdFirst);
        CompletableFuture<List<String>> second = batch("b", 10, new CountDownLatch(0));
        holdFirst.countDown();

        for (CompletableFuture<List<String>> answer : List.of(first, second)) {
            CompletionException failure = assertThrows(CompletionException.class, answer::join);
            assertSame(full, failure.getCause());
        }
        assertEquals(List.of("add a", "add b", "refresh"), log);

        refreshFailure.set(null);
        assertEquals(List.of("a", "b", "c"), batch("c", 10, new CountDownLatch(0)).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailedAddFailsItsBatchAndTheOnesIndexedBeforeItThatWaitedForARefresh() throws Exception {
        CountDownLatch holdFirst = new CountDownLatch(1);
        RuntimeException broken = new IllegalStateException("index update failed");
        CompletableFuture<List<String>> first = batch("a", 10, holdFirst);
        CompletableFuture<List<String>> second = indexer.index(10, () -> {
            throw broken;
        }, () -> List.copyOf(searchable));
        holdFirst.countDown();

        assertSame(broken, assertThrows(CompletionException.class, first::join).getCause());
        assertSame(broken, assertThrows(CompletionException.class, second::join).getCause());
        assertFalse(log.contains("refresh"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
