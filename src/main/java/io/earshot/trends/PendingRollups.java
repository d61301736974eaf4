package io.earshot.trends;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.earshot.conversation.Message;
import io.earshot.conversation.MessagesStored;
import io.earshot.ingest.Backoff;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Stored messages on their way into the trend rollups. The storing transaction only records its
 * messages' ids in {@code trend_pending} (one COPY); a thread of its own, {@code earshot-rollups},
 * counts them every {@code earshot.trends.fold-interval}, many batches at once, in one transaction
 * that deletes their pending rows and adds their counts. Counting in the storing transaction itself
 * took about 30% of the CPU of an every-match ingest and a third of the storing thread's time (see
 * {@code docs/benchmarks.md}); counted together, the batches of a fold also share their words' day rows.
 *
 * <p>Exactly once: a message is counted by the transaction that deletes its pending row
 * ({@link PendingTable#claim}), and by no other. A crash before that commits leaves the row, and the
 * first fold after a start counts every row left (the sweep), reading those messages back. Reads of
 * the rollups fold first ({@link #foldBeforeRead}), so what was stored through this instance is
 * counted by the time anyone looks; what another instance stored shows within its fold interval.
 */
@ApplicationScoped
public class PendingRollups {

    /** Messages queued that start a fold before the interval is up. */
    static final int FOLD_AT = 20_000;
    /** Most messages held in memory; past that they are dropped and the sweep reads them back. */
    static final int MAX_QUEUED = 100_000;
    /** Pending rows the sweep counts per transaction. */
    static final int SWEEP_PAGE = 2_000;

    @Inject
    EntityManager em;

    @Inject
    TrendsConfig config;

    /** Held by whoever folds or recounts, so a message is never counted by two of them at once. */
    private final ReentrantLock folding = new ReentrantLock();
    /** Guards {@link #queued} and {@link #sweepNeeded}; the folding thread waits on it. */
    private final Object queue = new Object();
    private ArrayDeque<CountedMessage> queued = new ArrayDeque<>();
    /** The database may hold pending rows no queued message stands for: a crash, a dropped queue. */
    private boolean sweepNeeded = true;
    private volatile boolean running;
    private Thread thread;

    /** In the storing transaction: the new messages wait in {@code trend_pending}, committed with them. */
    void record(@Observes MessagesStored stored) {
        List<Long> ids = new ArrayList<>(stored.messages().size());
        stored.messages().forEach(m -> ids.add(m.id));
        new PendingTable(em).add(ids);
    }

    /** Once the storing transaction has committed: the messages are queued for the next fold. */
    void queue(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesStored stored) {
        synchronized (queue) {
            if (queued.size() + stored.messages().size() > MAX_QUEUED) {
                queued.clear();
                sweepNeeded = true;
            } else {
                stored.messages().forEach(m -> queued.add(CountedMessage.of(m)));
            }
            if (queued.size() >= FOLD_AT || sweepNeeded) {
                queue.notifyAll();
            }
        }
    }

    void start(@Observes StartupEvent start) {
        running = true;
        thread = new Thread(this::foldContinually, "earshot-rollups");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops folding and counts what is queued; if that fails, the messages stay pending in the
     * database and the first fold after the next start counts them.
     */
    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        try {
            fold();
        } catch (RuntimeException e) {
            Log.warnf("Stored messages not yet counted in the trend rollups stay pending until the next start: %s",
                    e.getMessage());
        }
    }

    /**
     * Counts every pending row in the database, whoever stored it: rows an instance left when it
     * stopped without counting them, and rows of messages still queued somewhere, which that
     * instance's fold then finds claimed and leaves alone. Also part of the first fold after a start.
     */
    @Scheduled(identity = "earshot-rollup-sweep", every = "10m", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepEveryTenMinutes() {
        sweepAll();
    }

    /** {@link #sweepEveryTenMinutes}, answering how many messages it counted. */
    long sweepAll() {
        folding.lock();
        try {
            return sweep();
        } finally {
            folding.unlock();
        }
    }

    private void foldContinually() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1));
        while (running) {
            try {
                awaitWork();
                fold();
                backoff.reset();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Duration wait = backoff.next();
                Log.warnf("Could not count stored messages into the trend rollups (%s); trying again in %d s",
                        e.getMessage(), wait.toSeconds());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Waits for a queued message, then for the interval to pass or the queue to reach {@link #FOLD_AT}. */
    private void awaitWork() throws InterruptedException {
        synchronized (queue) {
            while (queued.isEmpty() && !sweepNeeded) {
                queue.wait();
            }
            long deadline = System.nanoTime() + config.foldInterval().toNanos();
            long left;
            while (!sweepNeeded && queued.size() < FOLD_AT && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(queue, left);
            }
        }
    }

    /**
     * Counts every message queued so far, and after a start or a dropped queue every pending row in
     * the database; answers how many messages it counted. A failure puts the queued messages back.
     */
    public long fold() {
        folding.lock();
        try {
            List<CountedMessage> batch;
            boolean sweep;
            synchronized (queue) {
                batch = new ArrayList<>(queued);
                queued = new ArrayDeque<>();
                sweep = sweepNeeded;
                sweepNeeded = false;
            }
            try {
                long counted = batch.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> {
                    Set<Long> claimed = new PendingTable(em).claim(batch.stream().map(CountedMessage::id).toList());
                    return count(batch.stream().filter(m -> claimed.contains(m.id())).toList());
                });
                return counted + (sweep ? sweep() : 0);
            } catch (RuntimeException e) {
                requeue(batch, sweep);
                throw e;
            }
        } finally {
            folding.unlock();
        }
    }

    /** Folds before a read of the rollups; a failure is logged, and the read goes on with what is counted. */
    void foldBeforeRead() {
        try {
            fold();
        } catch (RuntimeException e) {
            Log.debugf(e, "Fold before a rollup read failed");
        }
    }

    /**
     * Runs {@code recount} (which counts every stored message afresh) with nothing pending: the
     * queue is dropped and {@code trend_pending} emptied first, and no fold runs meanwhile.
     */
    <T> T recounting(Supplier<T> recount) {
        folding.lock();
        try {
            synchronized (queue) {
                queued = new ArrayDeque<>();
                sweepNeeded = false;
            }
            QuarkusTransaction.requiringNew().run(() -> new PendingTable(em).clear());
            return recount.get();
        } finally {
            folding.unlock();
        }
    }

    /** Adds these messages' counts to the rollups, in the caller's transaction. */
    long count(Collection<CountedMessage> messages) {
        RollupDelta delta = new RollupDelta(config.wordsPerPost());
        messages.forEach(delta::add);
        new RollupTables(em).add(delta);
        return messages.size();
    }

    /** Counts the messages of every pending row, oldest first, a page per transaction. */
    private long sweep() {
        long counted = 0;
        while (true) {
            long page = QuarkusTransaction.requiringNew().call(() -> {
                Set<Long> claimed = new PendingTable(em).claimOldest(SWEEP_PAGE);
                // A message deleted since it was stored has no counts to add.
                count(Message.withRules(claimed).stream().map(CountedMessage::of).toList());
                return (long) claimed.size();
            });
            if (page == 0) {
                return counted;
            }
            counted += page;
        }
    }

    private void requeue(List<CountedMessage> batch, boolean sweep) {
        synchronized (queue) {
            if (batch.size() + queued.size() > MAX_QUEUED) {
                queued = new ArrayDeque<>();
                sweepNeeded = true;
            } else {
                ArrayDeque<CountedMessage> again = new ArrayDeque<>(batch);
                again.addAll(queued);
                queued = again;
            }
            sweepNeeded |= sweep;
        }
    }
}
