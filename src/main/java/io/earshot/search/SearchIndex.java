package io.earshot.search;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.earshot.conversation.Message;
import io.earshot.rules.RuleService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The application's one {@link PostIndex}, opened under {@code <earshot.data-dir>/index}. On start-up
 * it catches up with every message the database holds above the index's last committed id, so a
 * lost or stale index heals itself before sources start.
 */
@ApplicationScoped
public class SearchIndex {

    /** Start-up order: after rules load, before sources start. */
    public static final int STARTUP_PRIORITY = RuleService.STARTUP_PRIORITY + 10;
    private static final int CATCH_UP_PAGE = 2_000;

    @ConfigProperty(name = "earshot.data-dir")
    String dataDir;

    @Inject
    SearchConfig config;

    private volatile PostIndex index;
    /** Lowest id of messages a failed update may have left out; MAX_VALUE when none. */
    private long gapFrom = Long.MAX_VALUE;
    /** Lowest id of messages added since the last refresh; MAX_VALUE when none. */
    private long unrefreshedFrom = Long.MAX_VALUE;
    /** Conversations merged while a rebuild runs (their messages moved); null when none runs. */
    private Set<Long> mergedDuringRebuild;
    /** Why the last update failed, until one succeeds; null when the last one did. */
    private volatile String lastFailure;

    void open(@Observes @Priority(STARTUP_PRIORITY) StartupEvent start) {
        index();
        catchUp();
    }

    /** The index, opened on first use. */
    public PostIndex index() {
        PostIndex current = index;
        if (current == null) {
            synchronized (this) {
                if (index == null) {
                    index = openOrSetAside(livePath());
                }
                current = index;
            }
        }
        return current;
    }

    /**
     * Opens the live index. One that Lucene finds damaged (a truncated or missing file, a format it cannot
     * read) is moved aside, kept for a look, and replaced by an empty index that start-up catch-up fills
     * from the database: the index is derived, so a rebuild loses nothing, while refusing to start would
     * stop ingest.
     */
    private PostIndex openOrSetAside(Path path) {
        try {
            return PostIndex.open(path, PostAnalyzer.create(), config);
        } catch (UncheckedIOException e) {
            if (!damaged(e)) {
                throw e;
            }
            Path aside = path.resolveSibling("index.damaged-" + System.currentTimeMillis());
            Log.errorf("Index under %s is damaged (%s); moved it to %s and rebuilding it from the database", path,
                    e.getCause(), aside);
            move(path, aside);
            return PostIndex.open(path, PostAnalyzer.create(), config);
        }
    }

    private static boolean damaged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptIndexException || t instanceof IndexFormatTooOldException
                    || t instanceof IndexFormatTooNewException || t instanceof EOFException
                    || t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Indexes stored messages (new ones, or ones whose conversation changed). When an update fails
     * after the database committed, the next update first re-indexes from the failed messages on,
     * because the source's retry will find them stored and hand over nothing.
     */
    public void update(Collection<Message> messages) {
        write(indexed(messages), true);
    }

    /**
     * As {@link #update}, but searches see these messages only after a later {@link #refresh} (or
     * update): the ingest pipeline refreshes once for several batches when they queue up.
     */
    public void add(Collection<Message> messages) {
        write(indexed(messages), false);
    }

    /** Makes every message added so far searchable; a failure re-indexes them with the next update. */
    public void refresh() {
        write(List.of(), true);
    }

    private synchronized void write(List<IndexedMessage> docs, boolean refresh) {
        try {
            reopenIfClosed();
            if (gapFrom != Long.MAX_VALUE) {
                long healed = catchUpAfter(gapFrom - 1);
                Log.infof("Index re-indexed %d messages after an earlier failed update", healed);
                gapFrom = Long.MAX_VALUE;
            }
            unrefreshedFrom = Math.min(unrefreshedFrom, lowestId(docs));
            index().add(docs);
            if (refresh) {
                index().refresh();
                unrefreshedFrom = Long.MAX_VALUE;
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            // Messages added but never made searchable are re-indexed too: their batches fail with this one.
            gapFrom = Math.min(gapFrom, Math.min(lowestId(docs), unrefreshedFrom));
            unrefreshedFrom = Long.MAX_VALUE;
            PostIndex current = index;
            if (current != null && !current.isOpen()) {
                // A writer closed by the failure takes what it had not committed with it.
                gapFrom = Math.min(gapFrom, current.committedMessageId() + 1);
            }
            lastFailure = "index update failed: " + rootMessage(e);
            throw e;
        }
    }

    /**
     * Lucene closes its writer for good after a write error it cannot undo (a full disk during a flush),
     * which would stop ingest until a restart. Each later update, a source's retry, opens the index again
     * from its last commit, which the failure left intact, and the gap catch-up fills in the rest; while
     * the cause lasts, that fails again and the batch keeps being retried.
     */
    private void reopenIfClosed() {
        PostIndex current = index();
        if (current.isOpen()) {
            return;
        }
        Log.warnf("Index writer was closed by %s; reopening it from its last commit", current.tragedy());
        gapFrom = Math.min(gapFrom, current.committedMessageId() + 1);
        try {
            current.close();
        } catch (RuntimeException e) {
            Log.debugf(e, "Closing the failed index");
        }
        index = null;
        index();
    }

    /**
     * Why the index cannot take updates now (its writer closed by a write error, or the last update
     * failed, for example on a full disk); empty when it can.
     */
    public Optional<String> failure() {
        PostIndex current = index();
        if (!current.isOpen()) {
            return Optional.of("index writer closed: " + current.tragedy());
        }
        return Optional.ofNullable(lastFailure);
    }

    private static long lowestId(List<IndexedMessage> docs) {
        return docs.stream().mapToLong(IndexedMessage::messageId).min().orElse(Long.MAX_VALUE);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Re-indexes every message of these conversations (after a merge moved messages between them); as
     * with {@link #add}, searches see them after the next refresh, the one their batch waits for.
     */
    public void reindexConversations(Collection<Long> conversationIds) {
        if (!conversationIds.isEmpty()) {
            synchronized (this) {
                if (mergedDuringRebuild != null) {
                    mergedDuringRebuild.addAll(conversationIds);
                }
            }
            write(QuarkusTransaction.requiringNew().call(() -> indexed(Message.inConversations(conversationIds))), false);
        }
    }

    private static List<IndexedMessage> indexed(Collection<Message> messages) {
        List<IndexedMessage> docs = new ArrayList<>(messages.size());
        for (Message m : messages) {
            docs.add(new IndexedMessage(m.id, m.conversationId, m.direction.value(), m.toPost(), Set.copyOf(m.ruleIds)));
        }
        return docs;
    }

    /** Indexes every stored message above the index's last id; answers how many. */
    public long catchUp() {
        return catchUpAfter(index().lastIndexedMessageId());
    }

    private long catchUpAfter(long afterId) {
        return fill(index(), afterId);
    }

    /**
     * Rebuilds the index from the database without stopping search or ingest: a new index is built
     * beside the live one, brought up to date with what arrived meanwhile, and swapped in. Answers how
     * many messages the new index holds.
     */
    public long rebuild() {
        Path live = livePath();
        Path fresh = live.resolveSibling("index.rebuild");
        deleteTree(fresh);
        PostIndex building = PostIndex.open(fresh, PostAnalyzer.create(), config);
        synchronized (this) {
            mergedDuringRebuild = new HashSet<>();
        }
        try {
            fill(building, 0);
            synchronized (this) {
                fill(building, building.lastIndexedMessageId());
                Set<Long> merged = mergedDuringRebuild;
                if (!merged.isEmpty()) {
                    building.update(QuarkusTransaction.requiringNew().call(() -> indexed(Message.inConversations(merged))));
                }
                building.close();
                PostIndex old = index();
                old.close();
                Path retired = live.resolveSibling("index.old");
                deleteTree(retired);
                move(live, retired);
                move(fresh, live);
                index = PostIndex.open(live, PostAnalyzer.create(), config);
                gapFrom = Long.MAX_VALUE;
                unrefreshedFrom = Long.MAX_VALUE;
                deleteTree(retired);
                Log.infof("Index rebuilt from the database: %d documents", index.documentCount());
                return index.documentCount();
            }
        } catch (RuntimeException e) {
            building.close();
            deleteTree(fresh);
            throw e;
        } finally {
            synchronized (this) {
                mergedDuringRebuild = null;
            }
        }
    }

    private Path livePath() {
        return Path.of(dataDir, "index");
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** Indexes every stored message above {@code afterId} into {@code target}; answers how many. */
    private static long fill(PostIndex target, long afterId) {
        long after = afterId;
        long total = 0;
        while (true) {
            long from = after;
            // Rules load lazily in batches, so the documents are built inside the transaction.
            List<IndexedMessage> page = QuarkusTransaction.requiringNew()
                    .call(() -> indexed(Message.after(from, CATCH_UP_PAGE)));
            if (page.isEmpty()) {
                break;
            }
            target.update(page);
            total += page.size();
            after = page.get(page.size() - 1).messageId();
        }
        if (total > 0) {
            Log.infof("Index caught up with %d messages from the database", total);
        }
        return total;
    }

    @PreDestroy
    void close() {
        if (index != null) {
            index.close();
        }
    }
}
