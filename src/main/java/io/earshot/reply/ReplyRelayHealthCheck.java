package io.earshot.reply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.earshot.ingest.KafkaClients;

/** Ready when Kafka is off (replies wait, queued), or the reply relay runs and its last session did not fail. */
@Readiness
@ApplicationScoped
public class ReplyRelayHealthCheck implements HealthCheck {

    @Inject
    KafkaClients clients;

    @Inject
    ReplyRelay relay;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("reply-relay").withData("enabled", clients.enabled());
        if (!relay.healthy()) {
            return health.down().withData("error", relay.lastError().orElse("the relay is not running")).build();
        }
        return health.up().build();
    }
}
