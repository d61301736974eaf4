package io.earshot.trends;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.ingest.KafkaClients;
import io.quarkus.logging.Log;

/**
 * Publishes new alerts to Kafka ({@code earshot.trends.alert.topic}, default {@code earshot.alerts})
 * when Kafka is on: the JSON of {@code GET /api/alerts}'s items, keyed by rule id.
 */
@ApplicationScoped
public class AlertPublisher {

    @Inject
    KafkaClients kafka;

    @Inject
    TrendsConfig config;

    @Inject
    ObjectMapper json;

    /** Sends the alert and waits for the broker's acknowledgement; a failure is logged, not thrown. */
    void publish(AlertView alert) {
        if (!kafka.enabled()) {
            return;
        }
        try {
            byte[] value = json.writeValueAsBytes(alert);
            byte[] key = Long.toString(alert.rule().id()).getBytes(StandardCharsets.UTF_8);
            kafka.producer().send(new ProducerRecord<>(config.alert().topic(), key, value)).get();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            // The alert is stored and served by the API; the topic is a notification, so log and go on.
            Log.errorf(e, "Could not publish alert %d to %s", alert.id(), config.alert().topic());
        }
    }
}
