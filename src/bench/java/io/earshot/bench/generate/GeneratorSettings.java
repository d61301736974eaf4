package io.earshot.bench.generate;

import java.time.Instant;

/**
 * What to generate.
 *
 * @param posts how many posts
 * @param seed the same seed and settings give the same posts, byte for byte
 * @param days the span of {@code created_at}, ending at {@code end}
 * @param end the newest possible {@code created_at}
 * @param brands how many brands exist (6 rules each; 1,667 covers the 10k rule set)
 * @param brandShare the share of conversations that start by talking about a brand
 */
public record GeneratorSettings(int posts, long seed, int days, Instant end, int brands, double brandShare) {

    public static final Instant DEFAULT_END = Instant.parse("2026-11-01T00:00:00Z");

    public static GeneratorSettings of(int posts, long seed) {
        return new GeneratorSettings(posts, seed, 90, DEFAULT_END, 1_667, 0.02);
    }

    public GeneratorSettings {
        if (posts < 1 || days < 1 || brands < 10) {
            throw new IllegalArgumentException("posts, days and brands must be positive (at least 10 brands)");
        }
    }
}
