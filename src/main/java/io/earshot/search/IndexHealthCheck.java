package io.earshot.search;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the search index is open, readable, and its last update succeeded ({@code data.error} says why not). */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    @Inject
    SearchIndex search;

    @Override
    public HealthCheckResponse call() {
        try {
            PostIndex index = search.index();
            Optional<String> failure = search.failure();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("index").status(failure.isEmpty())
                    .withData("documents", index.documentCount())
                    .withData("lastMessageId", index.lastIndexedMessageId());
            failure.ifPresent(f -> response.withData("error", f));
            return response.build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("index").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
