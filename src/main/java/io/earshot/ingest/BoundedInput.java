package io.earshot.ingest;

import java.io.IOException;
import java.io.InputStream;

import io.earshot.web.ApiException;

/** Reads a request body whole, refusing one larger than the limit with 413 instead of filling the heap. */
final class BoundedInput {

    private BoundedInput() {
    }

    static byte[] readAll(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new ApiException(413, "request too large",
                    "the body is larger than " + limit + " bytes; split it, or stream it through POST /api/import");
        }
        return bytes;
    }
}
