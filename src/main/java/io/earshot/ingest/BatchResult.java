package io.earshot.ingest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What the pipeline did with a batch, as {@code POST /api/posts} answers it.
 *
 * @param accepted valid posts
 * @param rejected records refused (each one is a dead letter)
 * @param matched valid posts that matched at least one enabled rule
 * @param errors why each refused record was refused, by line (or position)
 */
public record BatchResult(int accepted, int rejected, int matched, List<LineError> errors,
        @JsonIgnore int stored, @JsonIgnore int dropped, @JsonIgnore int held, @JsonIgnore int duplicates) {

    /** One refused record. */
    public record LineError(String line, String reason) {
    }

    public static BatchResult empty() {
        return new BatchResult(0, 0, 0, List.of(), 0, 0, 0, 0);
    }

    /** Adds two results, keeping at most {@code maxErrors} errors. */
    public BatchResult plus(BatchResult other, int maxErrors) {
        List<LineError> merged = new ArrayList<>(errors);
        for (LineError e : other.errors) {
            if (merged.size() >= maxErrors) {
                break;
            }
            merged.add(e);
        }
        return new BatchResult(accepted + other.accepted, rejected + other.rejected, matched + other.matched, merged,
                stored + other.stored, dropped + other.dropped, held + other.held, duplicates + other.duplicates);
    }
}
