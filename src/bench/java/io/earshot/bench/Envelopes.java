package io.earshot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;
import io.earshot.post.Post;

/** Generated envelopes read the way the pipeline reads them ({@link EnvelopeParser}). */
final class Envelopes {

    private static final EnvelopeParser PARSER = new EnvelopeParser();

    private Envelopes() {
    }

    static Post post(String json) {
        ParseResult result = PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
        if (result instanceof ParseResult.Accepted accepted) {
            return accepted.post();
        }
        throw new IllegalStateException("the generator wrote a post the parser refuses: "
                + ((ParseResult.Rejected) result).reason() + ": " + json);
    }

    static List<Post> all(Path ndjson) throws IOException {
        List<Post> posts = new ArrayList<>();
        try (var lines = Files.lines(ndjson, StandardCharsets.UTF_8)) {
            lines.forEach(line -> posts.add(post(line)));
        }
        return posts;
    }
}
