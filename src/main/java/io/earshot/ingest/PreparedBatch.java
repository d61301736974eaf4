package io.earshot.ingest;

import java.util.List;
import java.util.Map;

import io.earshot.conversation.Candidate;
import io.earshot.post.PostKey;

/**
 * A batch parsed and matched but not yet stored: what {@link IngestPipeline#prepare} hands to
 * {@link IngestPipeline#commit}.
 *
 * @param records how many input records it was made from; 0 marks the end of a source
 * @param producedAt when each post was written to its source (epoch ms), by key, where the source
 *        says (Kafka); empty otherwise
 */
public record PreparedBatch(String source, int records, List<Candidate> candidates, int matched,
        List<BatchResult.LineError> errors, List<DeadLetters.Refusal> refusals, long prepareNanos,
        Map<PostKey, Long> producedAt) {

    /** The batch that marks the end of a source. */
    static PreparedBatch end(String source) {
        return new PreparedBatch(source, 0, List.of(), 0, List.of(), List.of(), 0, Map.of());
    }
}
