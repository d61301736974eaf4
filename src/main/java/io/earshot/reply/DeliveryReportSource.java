package io.earshot.reply;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.ingest.DeadLetters;
import io.earshot.ingest.KafkaClients;
import io.earshot.ingest.KafkaPostSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads delivery reports from {@code earshot.reply-status} ({@code read_committed}) when Kafka is on. Each
 * poll is applied in one transaction and then committed; a malformed report, or one naming an unknown
 * reply, becomes a dead letter (source {@code reply-status}) and the consumer goes on. When applying fails
 * (database down) it rewinds and retries with back-off, like the posts consumer.
 */
@ApplicationScoped
public class DeliveryReportSource {

    /** The dead-letter source name of refused reports. */
    public static final String SOURCE = "reply-status";
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    KafkaClients clients;

    @Inject
    ReplyConfig config;

    @Inject
    Deliveries deliveries;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ObjectMapper json;

    Clock clock = Clock.systemUTC();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    void onStart(@Observes @Priority(KafkaPostSource.STARTUP_PRIORITY) StartupEvent event) {
        if (!clients.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "earshot-reply-status");
        thread.setDaemon(true);
        thread.start();
        Log.infof("Reading delivery reports from %s as group %s", config.statusTopic(), config.statusGroup());
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = clients.consumer(config.statusGroup(), "earshot-reply-status")) {
            consumer = c;
            c.subscribe(List.of(config.statusTopic()));
            Backoff backoff = new Backoff(config.retryBackoff());
            boolean failing = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(c, records);
                    if (failing) {
                        Log.info("Delivery reports are applied again");
                    }
                    failing = false;
                    backoff.reset();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    Duration wait = backoff.next();
                    if (!failing) {
                        Log.warnf(e, "Applying %d delivery reports failed; retrying with back-off from %s",
                                records.count(), wait);
                    }
                    failing = true;
                    for (TopicPartition p : records.partitions()) {
                        if (c.assignment().contains(p)) {
                            c.seek(p, records.records(p).get(0).offset());
                        }
                    }
                    sleep(wait);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer: a normal shutdown
        } catch (RuntimeException e) {
            Log.errorf(e, "Delivery report consumer stopped");
        } finally {
            consumer = null;
        }
    }

    private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        List<DeliveryReport> reports = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>();
        List<DeadLetters.Refusal> refusals = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            DeliveryReport.Parsed parsed = DeliveryReport.parse(json, r.value());
            if (parsed instanceof DeliveryReport.Valid valid) {
                reports.add(valid.report());
                sources.add(r);
            } else {
                refusals.add(refusal(r, ((DeliveryReport.Malformed) parsed).reason()));
            }
        }
        for (Deliveries.Unknown unknown : deliveries.apply(reports)) {
            refusals.add(refusal(sources.get(unknown.index()), "no reply " + unknown.replyId()));
        }
        deadLetters.keep(refusals, clock.instant());
        c.commitSync(next);
    }

    private static DeadLetters.Refusal refusal(ConsumerRecord<byte[], byte[]> r, String reason) {
        String position = r.topic() + "/" + r.partition() + ":" + r.offset();
        byte[] payload = r.value() == null ? new byte[0] : r.value();
        return new DeadLetters.Refusal(SOURCE, position, position, reason, payload);
    }

    private void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
