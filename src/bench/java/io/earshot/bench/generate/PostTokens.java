package io.earshot.bench.generate;

import java.util.List;
import java.util.Set;

/**
 * What matching sees of a generated post, as the generator built it: the words of {@code text} in
 * order (folded, hashtags and mentions without their sigil), and the hashtags and mentions.
 */
record PostTokens(List<String> words, Set<String> hashtags, Set<String> mentions) {
}
