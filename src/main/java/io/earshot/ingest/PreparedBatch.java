package io.earshot.ingest;

import java.util.List;

import io.earshot.conversation.Candidate;

/**
 * A batch parsed and matched but not yet stored: what {@link IngestPipeline#prepare} hands to
 * {@link IngestPipeline#commit}.
 *
 * @param records how many input records it was made from; 0 marks the end of a source
 */
public record PreparedBatch(String source, int records, List<Candidate> candidates, int matched,
        List<BatchResult.LineError> errors, List<DeadLetters.Refusal> refusals, long prepareNanos) {
}
