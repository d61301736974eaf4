package io.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

import io.quarkus.logging.Log;

/**
 * The Lucene index of stored messages: one writer, near-real-time searchers, periodic commits.
 *
 * <p>The index is derived from the database. Each commit records the highest message id it holds
 * ({@link #COMMITTED_MESSAGE_ID}); after a crash the start-up catch-up indexes every message above it.
 * Updates are by message id, so indexing a message twice leaves one document.
 */
public final class PostIndex implements AutoCloseable {

    /** Commit user-data key: every message with an id up to this one is in the committed index. */
    public static final String COMMITTED_MESSAGE_ID = "earshot.lastMessageId";
    /**
     * Fewest documents worth a thread of their own in an ingest batch ({@link #add}). Each slice
     * becomes a segment of its own at the next refresh, and merges rewrite small segments again and
     * again: a 4,000-document batch in two slices cost 30 µs of CPU a document to index against 22 in
     * one (300,000 bench posts outside the app), and an every-match ingest 3 CPU seconds more per
     * 200,000 posts for the same throughput, the other core being busy storing and screening. So
     * ingest batches (4,000 at most) go to one thread.
     */
    private static final int MIN_INGEST_SLICE = 5_000;
    /**
     * The same for {@link #update} (start-up catch-up and rebuilds, a page at a time with little
     * else running), where a second core shortens the wait more than the extra segments cost.
     */
    private static final int MIN_UPDATE_SLICE = 200;
    /** How long {@link #close()} waits for a commit or an update under way (a commit takes well under a second). */
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicLong lastIndexedId;
    private volatile long committedId;
    private final ScheduledExecutorService committer;
    /** Threads that add slices of a large update beside the caller's; one per processor in all. */
    private final ExecutorService indexers;
    /**
     * Threads one search spreads its segments over (Lucene's slices), one per processor: a search that
     * counts facets over a large share of the posts reads every hit, and on one thread that tail is
     * what a user waits for while the other cores idle.
     */
    private final ExecutorService searchSlices;
    private final int processors;

    private PostIndex(FSDirectory directory, IndexWriter writer, long committedId, java.time.Duration commitInterval)
            throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.processors = Runtime.getRuntime().availableProcessors();
        this.searchSlices = Executors.newFixedThreadPool(processors, daemonThreads("earshot-search-"));
        try {
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    return new IndexSearcher(reader, searchSlices);
                }
            });
        } catch (IOException | RuntimeException e) {
            // A damaged segment fails the first reader; open() sets the index aside, so stop its threads.
            searchSlices.shutdownNow();
            throw e;
        }
        this.lastIndexedId = new AtomicLong(committedId);
        this.committedId = committedId;
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-index-commit");
            t.setDaemon(true);
            return t;
        });
        this.indexers = Executors.newFixedThreadPool(Math.max(1, processors - 1), daemonThreads("earshot-index-"));
        long millis = commitInterval.toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the index under {@code path}. */
    public static PostIndex open(Path path, Analyzer analyzer, SearchConfig config) {
        try {
            Files.createDirectories(path);
            FSDirectory directory = FSDirectory.open(path);
            // Every refresh flushes a small segment, and merges soon rewrite it: packing it into a
            // compound file first copied each post's index data once more for nothing.
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setNoCFSRatio(0.0);
            IndexWriterConfig iwc = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setUseCompoundFile(false)
                    .setMergePolicy(merges)
                    .setRAMBufferSizeMB(config.ramBufferMb())
                    .setCommitOnClose(true)
                    // Freshness over merge savings: an NRT refresh never waits on a merge.
                    .setMaxFullFlushMergeWaitMillis(0);
            IndexWriter writer = new IndexWriter(directory, iwc);
            try {
                long committed = committedMessageId(writer);
                return new PostIndex(directory, writer, committed, config.commitInterval());
            } catch (IOException | RuntimeException e) {
                // A damaged segment shows only when the first reader opens: release the write lock.
                writer.rollback();
                directory.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index at " + path, e);
        }
    }

    private static long committedMessageId(IndexWriter writer) {
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
            if (COMMITTED_MESSAGE_ID.equals(e.getKey())) {
                return Long.parseLong(e.getValue());
            }
        }
        return 0L;
    }

    /** Adds or replaces the documents of these messages and makes them searchable. */
    public void update(List<IndexedMessage> messages) {
        add(messages, MIN_UPDATE_SLICE);
        refresh();
    }

    /**
     * Adds or replaces the documents of these messages; searches see them after the next
     * {@link #refresh}, and the next commit makes them durable whether or not one ran.
     */
    public void add(List<IndexedMessage> messages) {
        add(messages, MIN_INGEST_SLICE);
    }

    private void add(List<IndexedMessage> messages, int minSlice) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            addInParallel(messages, minSlice);
            long max = 0;
            for (IndexedMessage m : messages) {
                max = Math.max(max, m.messageId());
            }
            lastIndexedId.accumulateAndGet(max, Math::max);
        } catch (IOException e) {
            throw new UncheckedIOException("index update failed", e);
        }
    }

    /** Makes every document added so far searchable. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("index refresh failed", e);
        }
    }

    /**
     * Building and inverting documents is the cost of an update, and {@link IndexWriter} inverts on
     * every thread that adds: a large update is cut into one slice per indexing thread, so it uses
     * every core instead of one ({@code minSlice}: what counts as large).
     */
    private void addInParallel(List<IndexedMessage> messages, int minSlice) throws IOException {
        int slices = Math.min(processors, messages.size() / minSlice);
        if (slices < 2) {
            addDocuments(messages);
            return;
        }
        int size = (messages.size() + slices - 1) / slices;
        List<Future<?>> futures = new ArrayList<>(slices);
        for (int start = size; start < messages.size(); start += size) {
            List<IndexedMessage> slice = messages.subList(start, Math.min(messages.size(), start + size));
            futures.add(indexers.submit(() -> {
                addDocuments(slice);
                return null;
            }));
        }
        try {
            addDocuments(messages.subList(0, size));
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while indexing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(false));
        }
    }

    private void addDocuments(List<IndexedMessage> messages) throws IOException {
        for (IndexedMessage m : messages) {
            Document doc = PostDocuments.indexed(m.messageId(), m.conversationId(), m.direction(), m.post(),
                    m.ruleIds());
            writer.updateDocument(new Term(PostFields.ID, Long.toString(m.messageId())), PostDocuments.FACETS.build(doc));
        }
    }

    /** Highest message id held by the index (committed or not). */
    public long lastIndexedMessageId() {
        return lastIndexedId.get();
    }

    /** Number of documents visible to searches now. */
    public int documentCount() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} with a current searcher, released afterwards. */
    public <T> T withSearcher(SearcherFunction<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isOpen() {
        return writer.isOpen();
    }

    /** What closed the writer for good (for example "No space left on device"), or "none". */
    public String tragedy() {
        Throwable t = writer.getTragicException();
        return t == null ? "none" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Makes everything indexed so far durable, recording the highest message id. */
    public synchronized void commit() throws IOException {
        if (!writer.isOpen()) {
            return;
        }
        long upTo = lastIndexedId.get();
        writer.setLiveCommitData(Map.of(COMMITTED_MESSAGE_ID, Long.toString(upTo)).entrySet());
        writer.commit();
        committedId = upTo;
    }

    /** Highest message id of the last commit: what survives a crash, or a writer closed by an error. */
    public long committedMessageId() {
        return committedId;
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (Exception e) {
            Log.errorf(e, "Index commit failed; the next commit or start-up catch-up will retry");
        }
    }

    /**
     * Commits what was indexed and releases the write lock. A commit or an update under way is waited for,
     * not interrupted (an interrupt mid-fsync fails that commit), and the writer is closed even when the last
     * commit fails, so the lock never outlives this index: an application started again in the same JVM
     * opens it, and start-up catch-up re-indexes whatever the failed commit left out.
     */
    @Override
    public void close() {
        committer.shutdown();
        indexers.shutdown();
        searchSlices.shutdownNow();
        awaitTermination(committer);
        awaitTermination(indexers);
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            Log.errorf(e, "The index's last commit failed; start-up catch-up re-indexes what it left out");
        }
        try {
            IOUtils.close(searchers, writer, directory);
        } catch (IOException | RuntimeException e) {
            Log.errorf(e, "Closing the index failed");
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Work against a searcher that may read the index. */
    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
