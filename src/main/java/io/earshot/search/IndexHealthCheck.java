package io.earshot.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the search index is open and readable. */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    @Inject
    SearchIndex search;

    @Override
    public HealthCheckResponse call() {
        try {
            PostIndex index = search.index();
            return HealthCheckResponse.named("index").status(index.isOpen())
                    .withData("documents", index.documentCount())
                    .withData("lastMessageId", index.lastIndexedMessageId())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("index").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
