package io.earshot.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.earshot.bench.generate.Expectations;
import io.earshot.bench.generate.GeneratedPost;
import io.earshot.bench.generate.GeneratorSettings;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.bench.generate.RuleSets;

/**
 * {@code generate --posts N --seed S --days D --out posts.ndjson}: writes the posts as NDJSON, and
 * beside them {@code <out>.expected.json} (the planted counts) and {@code <out>.rules.json} (the
 * rule sets).
 */
final class Generate {

    private Generate() {
    }

    static void run(Options options) throws IOException {
        GeneratorSettings defaults = GeneratorSettings.of(options.integer("posts", 1_000_000), options.longValue("seed", 42));
        GeneratorSettings settings = new GeneratorSettings(defaults.posts(), defaults.seed(), options.integer("days", 90),
                defaults.end(), options.integer("brands", defaults.brands()), defaults.brandShare());
        Path out = Path.of(options.string("out", "target/bench/posts.ndjson"));
        long started = System.nanoTime();
        Expectations expected = write(settings, out);
        Expectations.writeRules(new PostGenerator(GeneratorSettings.of(10, settings.seed())).rules(), RuleSets.SIZES,
                sibling(out, ".rules.json"));
        System.out.printf("wrote %,d posts to %s in %.1f s; matching any rule: %s%n", expected.posts(), out,
                (System.nanoTime() - started) / 1e9, shares(expected));
        System.out.println("expected counts: " + sibling(out, ".expected.json") + ", rules: " + sibling(out, ".rules.json"));
    }

    /** Writes the posts and their expected counts; returns the counts. */
    static Expectations write(GeneratorSettings settings, Path out) throws IOException {
        PostGenerator generator = new PostGenerator(settings);
        Expectations expected = new Expectations(settings, RuleSets.SIZES);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (GeneratedPost post : generator) {
                writer.write(post.json());
                writer.write('\n');
                expected.add(post);
            }
        }
        expected.write(sibling(out, ".expected.json"));
        return expected;
    }

    static String shares(Expectations expected) {
        StringBuilder s = new StringBuilder();
        RuleSets.SIZES.keySet().forEach(set -> s.append(s.length() == 0 ? "" : ", ").append(set).append(' ')
                .append(String.format("%.2f%%", 100.0 * expected.matched(set) / expected.posts())));
        return s.toString();
    }

    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".ndjson") ? name.substring(0, name.length() - ".ndjson".length()) : name;
        return file.resolveSibling(base + suffix);
    }
}
