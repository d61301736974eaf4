package io.earshot.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Kafka is off, or the broker answers and the posts consumer is running without errors. */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    @Inject
    KafkaConfig config;

    @Inject
    KafkaPostSource source;

    private volatile Admin admin;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("kafka");
        if (!config.enabled()) {
            return health.up().withData("enabled", false).build();
        }
        health.withData("enabled", true);
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).size();
            health.withData("brokers", nodes);
        } catch (Exception e) {
            return health.down().withData("error", "broker unreachable: " + e.getMessage()).build();
        }
        if (!source.healthy()) {
            return health.down().withData("error", "consumer: " + source.lastError()).build();
        }
        return health.up().build();
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = new HashMap<>(config.client());
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow());
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "earshot-health");
                    admin = Admin.create(props);
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
