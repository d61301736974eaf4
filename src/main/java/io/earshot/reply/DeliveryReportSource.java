package io.earshot.reply;

import java.time.Clock;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.ingest.DeadLetters;
import io.earshot.ingest.KafkaBatchLoop;
import io.earshot.ingest.KafkaClients;
import io.earshot.ingest.KafkaPostSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads delivery reports from {@code earshot.reply-status} ({@code read_committed}) when Kafka is on. Each
 * poll, with its refusals, is applied in one transaction and then committed; a malformed report, or one naming an unknown
 * reply, becomes a dead letter (source {@code reply-status}) and the consumer goes on. When applying fails
 * (database down) it rewinds and retries with back-off, like the posts consumer.
 */
@ApplicationScoped
public class DeliveryReportSource {

    /** The dead-letter source name of refused reports. */
    public static final String SOURCE = "reply-status";

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

    private volatile KafkaBatchLoop loop;

    void onStart(@Observes @Priority(KafkaPostSource.STARTUP_PRIORITY) StartupEvent event) {
        if (!clients.enabled()) {
            return;
        }
        loop = new KafkaBatchLoop("earshot-reply-status",
                () -> clients.consumer(config.statusGroup(), "earshot-reply-status"), config.statusTopic(),
                config.retryBackoff(), this::process);
        loop.start();
        Log.infof("Reading delivery reports from %s as group %s", config.statusTopic(), config.statusGroup());
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
        // One transaction for the applied reports and the refused ones, so a reader who sees a report's
        // effect also sees its refused neighbours, and a crash keeps neither before the offsets move on.
        QuarkusTransaction.requiringNew().run(() -> {
            for (Deliveries.Unknown unknown : deliveries.apply(reports)) {
                refusals.add(refusal(sources.get(unknown.index()), "no reply " + unknown.replyId()));
            }
            deadLetters.keep(refusals, clock.instant());
        });
        c.commitSync(next);
    }

    private static DeadLetters.Refusal refusal(ConsumerRecord<byte[], byte[]> r, String reason) {
        String position = r.topic() + "/" + r.partition() + ":" + r.offset();
        byte[] payload = r.value() == null ? new byte[0] : r.value();
        return new DeadLetters.Refusal(SOURCE, position, position, reason, payload);
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }
}
