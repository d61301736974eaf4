package io.earshot.reply;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.earshot.conversation.ConversationsChanged;
import io.earshot.ingest.Backoff;
import io.earshot.ingest.KafkaClients;
import io.earshot.ingest.KafkaPostSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the outbox relay on its own thread when Kafka is on: {@link OutboxRelay} sessions, one after the
 * other. A new reply wakes it; otherwise it looks every {@code earshot.reply.poll-interval}. When Kafka or
 * the database fails, it closes the session and opens a new one after a back-off that doubles up to a
 * minute, logging one line when it starts failing and one when it recovers. HTTP requests never wait for it.
 */
@ApplicationScoped
public class ReplyRelay {

    @Inject
    KafkaClients clients;

    @Inject
    ReplyConfig config;

    @Inject
    Outbox outbox;

    private final Object wake = new Object();
    private boolean work;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile boolean topicReady;
    private volatile String lastError;
    private boolean announced;

    void onStart(@Observes @Priority(KafkaPostSource.STARTUP_PRIORITY) StartupEvent event) {
        if (clients.enabled()) {
            start();
        } else {
            Log.info("Kafka is off: replies stay queued until earshot.kafka.bootstrap-servers is set");
        }
    }

    /** Starts the relay thread, unless it runs already. */
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "earshot-reply-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the relay thread, waiting up to 10 s for the current Kafka call to end. */
    @PreDestroy
    public synchronized void stop() {
        running = false;
        nudge();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /** Whether the relay is running and its last session did not fail (always true with Kafka off). */
    public boolean healthy() {
        return !clients.enabled() || (thread != null && thread.isAlive() && lastError == null);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    void onReply(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConversationsChanged change) {
        if ("reply".equals(change.change())) {
            nudge();
        }
    }

    private void nudge() {
        synchronized (wake) {
            work = true;
            wake.notifyAll();
        }
    }

    private void run() {
        Backoff backoff = new Backoff(config.retryBackoff());
        while (running) {
            try {
                ensurePositionTopic();
                try (OutboxRelay session = OutboxRelay.open(clients, config, outbox)) {
                    session.recover();
                    boolean working = false;
                    while (running) {
                        int relayed = session.relayBatch();
                        // Healthy once the database answered too: recovery alone may not touch it.
                        if (!working) {
                            healthy("Relaying replies to " + config.topic() + " as " + config.transactionalId());
                            backoff.reset();
                            working = true;
                        }
                        if (relayed == 0) {
                            awaitWork();
                        }
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                failing(e, wait);
                sleep(wait);
            }
        }
        Log.info("Reply relay stopped");
    }

    /** Logs the first start and each recovery: one line per change of state. */
    private void healthy(String message) {
        if (lastError != null) {
            Log.infof("Reply relay recovered: %s", message);
        } else if (!announced) {
            Log.info(message);
        }
        announced = true;
        lastError = null;
    }

    private void failing(RuntimeException e, Duration backoff) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (lastError == null) {
            Log.warnf("Reply relay failing (%s); retrying with back-off from %s", error, backoff);
        } else {
            Log.debugf(e, "Reply relay still failing; next try in %s", backoff);
        }
        lastError = error;
    }

    private void awaitWork() {
        synchronized (wake) {
            if (!work && running) {
                try {
                    wake.wait(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            work = false;
        }
    }

    private void sleep(Duration backoff) {
        synchronized (wake) {
            long until = System.nanoTime() + backoff.toNanos();
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** The position topic has one partition; offsets of a group can only be committed for an existing one. */
    private void ensurePositionTopic() {
        if (topicReady) {
            return;
        }
        try (Admin admin = clients.admin("earshot-reply-relay-admin")) {
            admin.createTopics(List.of(new NewTopic(config.positionTopic(), Optional.of(1), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + config.positionTopic() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + config.positionTopic(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating " + config.positionTopic(), e);
        }
        topicReady = true;
    }
}
