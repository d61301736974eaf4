package io.earshot.trends;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
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
    /**
     * Most memory the queue may take (estimated, {@link CountedMessage#estimatedBytes}); past it the
     * queue is dropped and the next fold counts those messages from the database instead.
     */
    static final long MAX_QUEUED_BYTES = 64L << 20;
    /** Pending rows a sweep counts per transaction. */
    static final int SWEEP_PAGE = 2_000;
    /** Oldest pending rows the orphan check remembers from one run to the next. */
    static final int ORPHAN_CHECK = 10_000;
    /** Longest a read waits for the fold that counts what was queued before it. */
    static final Duration READ_WAIT = Duration.ofSeconds(5);

    @Inject
    EntityManager em;

    @Inject
    TrendsConfig config;

    /** Held by whoever folds, sweeps or recounts, so a message is never counted by two of them at once. */
    private final ReentrantLock folding = new ReentrantLock();
    /** Guards the fields below it; the folding thread and waiting reads wait on it. */
    private final Object queue = new Object();
    private final ArrayDeque<CountedMessage> queued = new ArrayDeque<>();
    private long queuedBytes;
    /** The database may hold pending rows no queued message stands for: a start, a dropped queue. */
    private boolean sweepNeeded = true;
    /** A read waits: fold without waiting for the interval. */
    private boolean foldNow;
    /** Messages ever queued, and how many of them (in queue order) a successful fold has counted. */
    private long queuedTotal;
    private long foldedTotal;
    private volatile boolean recounting;
    private volatile boolean running;
    private Thread thread;
    /** Pending ids seen by the last orphan check (touched under {@link #folding} only). */
    private Set<Long> seenPending = Set.of();

    /** In the storing transaction: the new messages wait in {@code trend_pending}, committed with them. */
    void record(@Observes MessagesStored stored) {
        new PendingTable(em).add(stored.messages().stream().map(m -> m.id).toList());
    }

    /** Once the storing transaction has committed: the messages are queued for the next fold. */
    void queue(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesStored stored) {
        List<CountedMessage> counted = stored.messages().stream().map(CountedMessage::of).toList();
        synchronized (queue) {
            counted.forEach(this::enqueue);
            queuedTotal += counted.size();
            queue.notifyAll();
        }
    }

    /** Adds to the queue, or drops the whole queue for a sweep once it is full; the caller holds {@link #queue}. */
    private void enqueue(CountedMessage m) {
        if (queuedBytes + m.estimatedBytes() > MAX_QUEUED_BYTES) {
            takeQueued();
            sweepNeeded = true;
        }
        queued.add(m);
        queuedBytes += m.estimatedBytes();
    }

    /** Empties the queue, answering what it held; the caller holds {@link #queue}. */
    private List<CountedMessage> takeQueued() {
        List<CountedMessage> taken = new ArrayList<>(queued);
        queued.clear();
        queuedBytes = 0;
        return taken;
    }

    void start(@Observes StartupEvent start) {
        running = true;
        thread = new Thread(this::foldContinually, "earshot-rollups");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the folding thread (without interrupting it: an interrupt in the middle of H2's file
     * I/O closes the database) and counts what is queued. Batches a Kafka consumer still stores after
     * this, and anything a failure leaves, stay pending in the database for the first fold after
     * the next start.
     */
    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        synchronized (queue) {
            queue.notifyAll();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        try {
            fold();
        } catch (RuntimeException e) {
            Log.warnf("Stored messages not yet counted in the trend rollups stay pending until the next start: %s",
                    e.getMessage());
        }
    }

    private void foldContinually() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1));
        while (running) {
            try {
                awaitWork();
                if (running) {
                    fold();
                    backoff.reset();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Duration wait = backoff.next();
                Log.warnf("Could not count stored messages into the trend rollups (%s); trying again in %d s",
                        e.getMessage(), wait.toSeconds());
                try {
                    waitWhileRunning(System.nanoTime() + wait.toNanos(), () -> true);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Waits for a queued message, then for the interval to pass, the queue to reach
     * {@link #FOLD_AT} or a read to ask.
     */
    private void awaitWork() throws InterruptedException {
        synchronized (queue) {
            while (running && queued.isEmpty() && !sweepNeeded && !foldNow) {
                queue.wait();
            }
            waitWhileRunning(System.nanoTime() + config.foldInterval().toNanos(),
                    () -> !sweepNeeded && !foldNow && queued.size() < FOLD_AT);
            foldNow = false;
        }
    }

    /** Waits on {@link #queue} until the deadline while running and {@code more} holds. */
    private void waitWhileRunning(long deadline, BooleanSupplier more) throws InterruptedException {
        synchronized (queue) {
            long left;
            while (running && more.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
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
            long taken;
            synchronized (queue) {
                batch = takeQueued();
                sweep = sweepNeeded;
                sweepNeeded = false;
                taken = queuedTotal;
            }
            try {
                long counted = batch.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> {
                    Set<Long> claimed = new PendingTable(em).claim(batch.stream().map(CountedMessage::id).toList());
                    return count(batch.stream().filter(m -> claimed.contains(m.id())).toList());
                });
                counted += sweep ? sweep() : 0;
                synchronized (queue) {
                    foldedTotal = Math.max(foldedTotal, taken);
                    queue.notifyAll();
                }
                return counted;
            } catch (RuntimeException e) {
                requeue(batch, sweep);
                throw e;
            }
        } finally {
            folding.unlock();
        }
    }

    /**
     * Before a read of the rollups: has the folding thread count everything queued so far, and
     * waits for it, at most {@link #READ_WAIT}; the read then goes on with what is counted. A read
     * holds no lock a fold needs and asks for no second connection, and during a recount it does
     * not wait at all.
     */
    void foldBeforeRead() {
        if (recounting || !running) {
            return;
        }
        synchronized (queue) {
            long target = queuedTotal;
            if (foldedTotal >= target) {
                return;
            }
            foldNow = true;
            queue.notifyAll();
            try {
                waitWhileRunning(System.nanoTime() + READ_WAIT.toNanos(), () -> foldedTotal < target && !recounting);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code recount} (which counts every stored message afresh) with nothing pending: the
     * queue is dropped and {@code trend_pending} emptied first, and no fold runs meanwhile.
     */
    <T> T recounting(Supplier<T> recount) {
        folding.lock();
        recounting = true;
        try {
            synchronized (queue) {
                takeQueued();
                sweepNeeded = false;
                foldedTotal = queuedTotal;
                queue.notifyAll();
            }
            QuarkusTransaction.requiringNew().run(() -> new PendingTable(em).clear());
            return recount.get();
        } finally {
            recounting = false;
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

    /** {@link #count} for stored messages read back from the database (a sweep, a recount). */
    long countStored(Collection<Message> messages) {
        return count(messages.stream().map(CountedMessage::of).toList());
    }

    /** The first fold's sweep, answering how many messages it counted. */
    long sweepAll() {
        folding.lock();
        try {
            return sweep();
        } finally {
            folding.unlock();
        }
    }

    /**
     * Counts the messages of every row pending when it starts, oldest first, a page per
     * transaction; rows added meanwhile are left to the folds, so it ends however fast ingest runs.
     */
    private long sweep() {
        Long newest = QuarkusTransaction.requiringNew().call(() -> new PendingTable(em).newest());
        if (newest == null) {
            return 0;
        }
        long counted = 0;
        while (true) {
            long page = QuarkusTransaction.requiringNew().call(() -> {
                Set<Long> claimed = new PendingTable(em).claimOldest(SWEEP_PAGE, newest);
                // A message deleted since it was stored has no counts to add.
                countStored(Message.withRules(claimed));
                return (long) claimed.size();
            });
            if (page == 0) {
                return counted;
            }
            counted += page;
        }
    }

    /**
     * Counts the rows an instance left when it stopped without counting them and never came back:
     * rows that were pending at the previous run, ten minutes ago, when every running instance
     * counts its own within seconds. Rows still queued by a live instance are left to it.
     */
    @Scheduled(identity = "earshot-rollup-orphans", every = "10m", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void countOrphansEveryTenMinutes() {
        countOrphans();
    }

    /** {@link #countOrphansEveryTenMinutes}, answering how many messages it counted. */
    long countOrphans() {
        folding.lock();
        try {
            Set<Long> suspects = seenPending;
            long counted = QuarkusTransaction.requiringNew().call(() -> {
                return countStored(Message.withRules(new PendingTable(em).claim(suspects)));
            });
            seenPending = QuarkusTransaction.requiringNew().call(() -> new PendingTable(em).oldest(ORPHAN_CHECK));
            return counted;
        } finally {
            folding.unlock();
        }
    }

    private void requeue(List<CountedMessage> batch, boolean sweep) {
        synchronized (queue) {
            List<CountedMessage> waiting = takeQueued();
            batch.forEach(this::enqueue);
            waiting.forEach(this::enqueue);
            sweepNeeded |= sweep;
        }
    }
}
