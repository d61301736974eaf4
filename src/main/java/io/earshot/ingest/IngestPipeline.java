package io.earshot.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.conversation.Candidate;
import io.earshot.conversation.ConversationWriter;
import io.earshot.conversation.StoreOutcome;
import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;
import io.earshot.post.Post;
import io.earshot.post.PostKey;
import io.earshot.rules.RuleService;
import io.earshot.rules.RulesConfig;
import io.earshot.search.SearchIndex;

/**
 * The one pipeline every source feeds: parse and validate, extract entities, match rules, store
 * conversations, index. Refused records become dead letters with their reason; nothing refused
 * stops the batch.
 *
 * <p>Effects happen in a fixed order: dead letters and conversations are committed to the
 * database, then the index is updated; only when a batch is indexed may a source acknowledge its
 * input (commit Kafka offsets, answer HTTP). A failure anywhere throws, and the source replays the
 * batch, which changes nothing already stored (the index re-indexes from a failed update on, see
 * {@link SearchIndex#update}). Batches are stored one at a time, so threading always sees the batch
 * before; a batch's index update may overlap the next batch's storing.
 */
@ApplicationScoped
public class IngestPipeline {

    @Inject
    RuleService rules;

    @Inject
    ConversationWriter conversations;

    @Inject
    SearchIndex search;

    @Inject
    DeadLetters deadLetters;

    @Inject
    BrandAccounts brand;

    @Inject
    IngestMetrics metrics;

    @Inject
    RulesConfig rulesConfig;

    private final EnvelopeParser parser = new EnvelopeParser();
    private final ReentrantLock oneBatchAtATime = new ReentrantLock(true);
    private ExecutorService screeners;
    private BatchIndexer indexer;

    @PostConstruct
    void startScreeners() {
        AtomicInteger n = new AtomicInteger();
        screeners = Executors.newFixedThreadPool(rulesConfig.effectiveMatchThreads(), r -> {
            Thread t = new Thread(r, "earshot-screen-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        indexer = new BatchIndexer("earshot-index-batches", search::refresh, BatchIndexer.MAX_UNREFRESHED_DOCS,
                nanos -> metrics.stage("index", nanos));
    }

    @PreDestroy
    void stopScreeners() {
        screeners.shutdownNow();
        // A batch stored but not indexed is found by the index's start-up catch-up.
        indexer.shutdownNow();
    }

    /**
     * Runs a batch through the pipeline: {@link #prepare} then {@link #commit}.
     *
     * @param source the name of the source, for dead letters and metrics ({@code http}, {@code import}, {@code kafka})
     */
    public BatchResult ingest(String source, List<RawPost> records) {
        return commit(prepare(source, records));
    }

    /**
     * The part of a batch's work that needs no lock and touches nothing durable: parsing,
     * validation, entity extraction and rule matching. A source may prepare its next batch while
     * the previous one commits.
     *
     * <p>Records are screened in chunks of the matcher's chunk size, each chunk parsed and matched on
     * one of the screening threads (one per core by default): parsing and entity extraction cost about
     * as much as matching, and one thread parsing a whole batch left the other core idle.
     */
    public PreparedBatch prepare(String source, List<RawPost> records) {
        long started = System.nanoTime();
        List<Screened> chunks = screenInChunks(records);
        List<BatchResult.LineError> errors = new ArrayList<>();
        List<DeadLetters.Refusal> refusals = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(records.size());
        Map<PostKey, Long> producedAt = new HashMap<>();
        int matched = 0;
        int next = 0;
        for (Screened chunk : chunks) {
            int accepted = 0;
            for (ParseResult result : chunk.results()) {
                RawPost record = records.get(next++);
                if (result instanceof ParseResult.Accepted ok) {
                    Set<Long> ruleIds = chunk.matches().get(accepted++);
                    if (!ruleIds.isEmpty()) {
                        matched++;
                    }
                    candidates.add(new Candidate(ok.post(), ruleIds, brand.isBrand(ok.post())));
                    if (record.producedAtMillis() != RawPost.UNKNOWN_TIME) {
                        producedAt.putIfAbsent(ok.post().key(), record.producedAtMillis());
                    }
                } else {
                    String reason = ((ParseResult.Rejected) result).reason();
                    errors.add(new BatchResult.LineError(record.position(), reason));
                    refusals.add(new DeadLetters.Refusal(source, record.position(), record.recordKey(), reason,
                            payload(record)));
                }
            }
        }
        long prepareNanos = System.nanoTime() - started;
        metrics.stage("prepare", prepareNanos);
        return new PreparedBatch(source, records.size(), candidates, matched, errors, refusals, prepareNanos,
                producedAt);
    }

    /** One chunk of records parsed, and its valid posts matched: a result per record, matches per valid post. */
    private record Screened(List<ParseResult> results, List<Set<Long>> matches) {
    }

    private List<Screened> screenInChunks(List<RawPost> records) {
        int chunkSize = rulesConfig.matchChunkSize();
        if (records.size() <= chunkSize) {
            return List.of(screen(records));
        }
        List<CompletableFuture<Screened>> chunks = new ArrayList<>();
        for (int start = 0; start < records.size(); start += chunkSize) {
            List<RawPost> chunk = records.subList(start, Math.min(records.size(), start + chunkSize));
            chunks.add(CompletableFuture.supplyAsync(() -> screen(chunk), screeners));
        }
        try {
            return chunks.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            chunks.forEach(chunk -> chunk.cancel(false));
            throw cause(e);
        }
    }

    /** Parses a chunk and matches its valid posts; a chunk no larger than the matcher's is matched in this thread. */
    private Screened screen(List<RawPost> chunk) {
        List<ParseResult> results = new ArrayList<>(chunk.size());
        List<Post> posts = new ArrayList<>(chunk.size());
        for (RawPost record : chunk) {
            ParseResult result = parse(record);
            results.add(result);
            if (result instanceof ParseResult.Accepted accepted) {
                posts.add(accepted.post());
            }
        }
        return new Screened(results, rules.match(posts));
    }

    /**
     * Makes a prepared batch durable, one batch at a time: dead letters, then conversations, then
     * the index. When this returns, the source may acknowledge the batch's input.
     */
    public BatchResult commit(PreparedBatch batch) {
        return await(store(batch));
    }

    /**
     * Stores a prepared batch (dead letters, then conversations, in the database) and queues its
     * index update; the answer completes once the batch is indexed, and only then may the source
     * acknowledge its input. A source may store its next batch while this one is indexed: batches
     * are stored one at a time and indexed one at a time in the order they were stored, so a merge's
     * re-index never meets an older batch's documents afterwards.
     */
    public CompletableFuture<BatchResult> store(PreparedBatch batch) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        oneBatchAtATime.lock();
        try {
            deadLetters.keep(batch.refusals(), now);
            long storing = System.nanoTime();
            StoreOutcome outcome = batch.candidates().isEmpty() ? new StoreOutcome(List.of(), Set.of(), 0, 0, 0)
                    : conversations.store(batch.candidates(), brand::isBrand, now);
            metrics.stage("store", System.nanoTime() - storing);
            // Queued under the store lock: the index sees batches in the order the database did.
            return indexer.index(outcome.stored().size(), () -> {
                search.add(outcome.stored());
                search.reindexConversations(outcome.mergedInto());
            }, () -> searchable(batch, outcome, started));
        } finally {
            oneBatchAtATime.unlock();
        }
    }

    private BatchResult searchable(PreparedBatch batch, StoreOutcome outcome, long started) {
        BatchResult result = new BatchResult(batch.candidates().size(), batch.refusals().size(), batch.matched(),
                batch.errors(), outcome.stored().size(), outcome.dropped(), outcome.held(), outcome.duplicates());
        metrics.record(batch.source(), result, batch.refusals().size(),
                batch.prepareNanos() + System.nanoTime() - started);
        metrics.freshness(batch.source(), batch.producedAt(), outcome.stored(), System.currentTimeMillis());
        return result;
    }

    /** The result of a stage once it is done (a batch prepared, or indexed); the stage's failure, if it failed. */
    public static <T> T await(CompletableFuture<T> stage) {
        try {
            return stage.join();
        } catch (CompletionException e) {
            throw cause(e);
        }
    }

    /** What failed inside a completion stage, as thrown there. */
    private static RuntimeException cause(CompletionException e) {
        return e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }

    /**
     * Runs {@code work} while no batch of this instance commits, for rebuilding data derived from
     * the stored messages (the trend rollups) without a batch landing half in and half out of it.
     */
    public <T> T betweenBatches(Supplier<T> work) {
        oneBatchAtATime.lock();
        try {
            return work.get();
        } finally {
            oneBatchAtATime.unlock();
        }
    }

    private ParseResult parse(RawPost record) {
        if (record.rejection() != null) {
            return new ParseResult.Rejected(record.rejection());
        }
        return record.json() != null ? parser.parse(record.json()) : parser.parse(record.bytes());
    }

    private static byte[] payload(RawPost record) {
        if (record.bytes() != null) {
            return record.bytes();
        }
        String text = record.json() != null ? record.json().toString() : record.payload();
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }
}
