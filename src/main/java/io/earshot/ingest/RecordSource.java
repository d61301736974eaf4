package io.earshot.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A stream of input records read a batch at a time, so a file of any size passes in bounded memory. */
public interface RecordSource extends Closeable {

    /** Up to {@code max} next records; an empty list at the end. */
    List<RawPost> next(int max) throws IOException;
}
