package io.earshot.search;

/** A rule or search query that the query language refuses; {@link #position()} is 0-based, or -1. */
public class InvalidQueryException extends RuntimeException {

    private final int position;

    public InvalidQueryException(String detail, int position) {
        super(detail, null, false, false);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
