package io.earshot.ingest;

import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ObservabilityTest {

    @Test
    void readinessCoversTheDatabaseTheIndexAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("index", "kafka", "Database connections health check"));
    }

    @Test
    void ingestOutcomesAreCountedPerSource() {
        ndjson(post(uniqueId(), "a", "counted but unmatched"), "{bad");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("earshot_posts_received_total{source=\"http\"}"))
                .body(containsString("earshot_posts_rejected_total{source=\"http\"}"))
                .body(containsString("earshot_posts_dropped_total{source=\"http\"}"))
                .body(containsString("earshot_posts_dead_lettered_total{source=\"http\"}"));
    }
}
