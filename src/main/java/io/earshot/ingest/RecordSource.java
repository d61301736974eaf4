package io.earshot.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A stream of input records read a batch at a time, so a file of any size passes in bounded memory. */
public interface RecordSource extends Closeable {

    /** The next record, or {@code null} at the end. */
    RawPost read() throws IOException;

    /** Records already in memory (the elements of a JSON array body). */
    static RecordSource of(List<RawPost> records) {
        Iterator<RawPost> remaining = records.iterator();
        return new RecordSource() {
            @Override
            public RawPost read() {
                return remaining.hasNext() ? remaining.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Up to {@code max} next records, fewer only at the end; an empty list means the source is
     * exhausted.
     *
     * @throws IOException when the source cannot be read on; records already returned stay valid
     */
    default List<RawPost> next(int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<RawPost> batch = new ArrayList<>(Math.min(max, 1024));
        while (batch.size() < max) {
            RawPost record = read();
            if (record == null) {
                break;
            }
            batch.add(record);
        }
        return batch;
    }
}
