package io.earshot.bench.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The counts the generator planted, to check matching at scale: for each rule set, how many posts
 * match any rule and how many match each rule; for the product set also per day and per hour.
 */
public final class Expectations {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final GeneratorSettings settings;
    private final Map<String, Integer> sets;
    private final long[] perRule;
    private final Map<String, long[]> matchedPosts = new LinkedHashMap<>();
    private final Map<String, Long> productPerDay = new TreeMap<>();
    private final Map<String, Long> productPerHour = new TreeMap<>();
    private long posts;
    private long replies;

    public Expectations(GeneratorSettings settings, Map<String, Integer> sets) {
        this.settings = settings;
        this.sets = sets;
        this.perRule = new long[sets.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1];
        sets.keySet().forEach(name -> matchedPosts.put(name, new long[1]));
    }

    public void add(GeneratedPost post) {
        posts++;
        if (post.json().contains("\"in_reply_to\"")) {
            replies++;
        }
        for (long id : post.ruleIds()) {
            if (id < perRule.length) {
                perRule[(int) id]++;
            }
        }
        sets.forEach((name, size) -> {
            if (post.matchesAnyOf(size)) {
                matchedPosts.get(name)[0]++;
            }
        });
        if (post.matchesAnyOf(sets.get(RuleSets.PRODUCT))) {
            productPerDay.merge(DAY.format(post.createdAt()), 1L, Long::sum);
            productPerHour.merge(HOUR.format(post.createdAt()), 1L, Long::sum);
        }
    }

    /** Posts that match any rule of the set. */
    public long matched(String set) {
        return matchedPosts.get(set)[0];
    }

    /** Posts that match this rule. */
    public long perRule(long ruleId) {
        return perRule[(int) ruleId];
    }

    public long posts() {
        return posts;
    }

    public void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("posts", posts);
        json.put("replies", replies);
        json.put("settings", settings);
        Map<String, Object> bySet = new LinkedHashMap<>();
        sets.forEach((name, size) -> {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("rules", size);
            set.put("matchedPosts", matchedPosts.get(name)[0]);
            set.put("matchedShare", posts == 0 ? 0 : (double) matchedPosts.get(name)[0] / posts);
            bySet.put(name, set);
        });
        json.put("ruleSets", bySet);
        Map<String, Long> rules = new LinkedHashMap<>();
        for (int id = 1; id < perRule.length; id++) {
            rules.put(Integer.toString(id), perRule[id]);
        }
        json.put("perRule", rules);
        json.put("productPerDay", productPerDay);
        json.put("productPerHour", productPerHour);
        new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    }

    /** Writes the rules of every set: {@code {"product": [{"id", "name", "query"}], ...}}. */
    public static void writeRules(RuleSets rules, Map<String, Integer> sets, Path file) throws IOException {
        Map<String, List<Map<String, Object>>> json = new LinkedHashMap<>();
        sets.forEach((name, size) -> json.put(name, rules.first(size).stream().map(r -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("name", r.name());
            rule.put("query", r.query());
            return rule;
        }).toList()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    }
}
