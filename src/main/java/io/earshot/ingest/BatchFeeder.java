package io.earshot.ingest;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.web.ApiException;

/** Drains a {@link RecordSource} into the pipeline in batches and adds up the results. */
@ApplicationScoped
public class BatchFeeder {

    @Inject
    IngestPipeline pipeline;

    @Inject
    IngestConfig config;

    public BatchResult feed(String sourceName, RecordSource source) {
        BatchResult total = BatchResult.empty();
        try (source) {
            List<RawPost> batch;
            while (!(batch = source.next(config.batchSize())).isEmpty()) {
                total = total.plus(pipeline.ingest(sourceName, batch), config.maxErrors());
            }
        } catch (IOException e) {
            // The records before the failure are committed; the answer says where reading stopped.
            throw new ApiException(400, "unreadable upload", e.getMessage() + " (records before it were stored: "
                    + total.accepted() + " accepted, " + total.rejected() + " refused)");
        }
        return total;
    }
}
