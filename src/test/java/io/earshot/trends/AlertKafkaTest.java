package io.earshot.trends;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.earshot.testing.KafkaBroker;
import io.earshot.testing.TopicRecords;
import io.earshot.testing.TopicRecords.Published;
import io.earshot.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Spike alerts leave through a real Kafka broker: a plain consumer of the alerts topic sees what the API shows. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class AlertKafkaTest {

    private static final Instant FLAT_FROM = Instant.parse("2026-04-01T00:00:00Z");
    private static final int FLAT_HOURS = 30;
    private static final int PER_HOUR = 4;
    private static final int SPIKE = 30;

    @Inject
    SpikeDetector detector;

    @Inject
    TrendsConfig config;

    @Test
    void aSpikeAlertReachesTheTopicAsTheApiShowsItAndAFlatSeriesPublishesNothing() {
        String topic = config.alert().topic();
        KafkaBroker.shared().createTopic(topic, 1);
        String spiky = Corpus.word();
        String flat = Corpus.word();
        long spikyRule = rule("kafka spiky " + spiky, spiky);
        long flatRule = rule("kafka flat " + flat, flat);
        Corpus.hourly(spiky, FLAT_FROM, FLAT_HOURS, PER_HOUR, SPIKE);
        Corpus.hourly(flat, FLAT_FROM, FLAT_HOURS, PER_HOUR, PER_HOUR);
        Instant spikeHour = FLAT_FROM.plus(Duration.ofHours(FLAT_HOURS));

        // detect() returns once the broker has acknowledged every alert it raised, so reading the
        // topic to its end afterwards sees them.
        detector.detect(spikeHour.plus(Duration.ofMinutes(61)));
        List<Published> records = TopicRecords.readAll(topic);

        JsonPath api = admin().get("/api/alerts?limit=500").then().statusCode(200).extract().jsonPath();
        Map<String, Object> shown = api.getMap("items.find { it.rule.id == " + spikyRule + " }");
        List<Published> spikes = records.stream().filter(r -> r.value().path("rule").path("id").asLong() == spikyRule
                && r.value().path("rule").path("name").asText().equals("kafka spiky " + spiky)).toList();
        assertEquals(1, spikes.size(), "published once: " + records);
        Published alert = spikes.get(0);
        assertEquals(Long.toString(spikyRule), alert.key(), "keyed by rule id");
        assertEquals(((Number) shown.get("id")).longValue(), alert.value().path("id").asLong());
        assertEquals(spikeHour.toString(), alert.value().path("bucketStart").asText());
        assertEquals(shown.get("bucketStart"), alert.value().path("bucketStart").asText());
        assertEquals(SPIKE, alert.value().path("count").asLong());
        assertEquals(((Number) shown.get("count")).longValue(), alert.value().path("count").asLong());
        assertEquals("kafka spiky " + spiky, api.getString("items.find { it.rule.id == " + spikyRule + " }.rule.name"));
        assertEquals(PER_HOUR, alert.value().path("baseline").asDouble(), 1e-9);

        assertTrue(records.stream().noneMatch(r -> r.value().path("rule").path("name").asText().contains(flat)),
                "the flat series published nothing: " + records);
        assertTrue(api.getList("items.rule.id", Long.class).stream().noneMatch(id -> id == flatRule),
                "the flat series raised no alert");
    }
}
