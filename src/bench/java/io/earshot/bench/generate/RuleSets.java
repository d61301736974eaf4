package io.earshot.bench.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The brands of a generated world and their listening rules. Brand {@code b} has the six rules of
 * {@link ListeningRule.Kind}, ids {@code 6b+1..6b+6}; a rule set of size {@code n} is the first
 * {@code n} rules, so smaller sets cover the most talked-about brands.
 */
public final class RuleSets {

    /** The rule set an inbox would run: the ten most talked-about brands. */
    public static final String PRODUCT = "product";
    /** Named rule-set sizes of the screening benchmark. */
    public static final Map<String, Integer> SIZES = sizes();

    private final List<Brand> brands;
    private final Map<String, Brand> byPrefix = new HashMap<>();

    RuleSets(int brandCount, SplittableRandom random) {
        List<Brand> made = new ArrayList<>();
        while (made.size() < brandCount) {
            String name = Words.brandName(random);
            if (!byPrefix.containsKey(name.substring(0, Brand.PREFIX_LENGTH))) {
                Brand brand = new Brand(made.size(), name);
                made.add(brand);
                byPrefix.put(brand.prefix(), brand);
            }
        }
        this.brands = List.copyOf(made);
    }

    private static Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(PRODUCT, 60);
        sizes.put("1k", 1_000);
        sizes.put("10k", 10_000);
        return sizes;
    }

    public List<Brand> brands() {
        return brands;
    }

    /** The first {@code size} rules. */
    public List<ListeningRule> first(int size) {
        List<ListeningRule> rules = new ArrayList<>(size);
        ListeningRule.Kind[] kinds = ListeningRule.Kind.values();
        for (int i = 0; i < size && i / kinds.length < brands.size(); i++) {
            rules.add(ListeningRule.of(i + 1, brands.get(i / kinds.length), kinds[i % kinds.length]));
        }
        return rules;
    }

    public List<ListeningRule> named(String set) {
        Integer size = SIZES.get(set);
        if (size == null) {
            throw new IllegalArgumentException("rule sets are " + SIZES.keySet());
        }
        return first(size);
    }

    /** The brand a folded word belongs to, or null. */
    Brand brandOf(String word) {
        return word.length() < Brand.PREFIX_LENGTH ? null : byPrefix.get(word.substring(0, Brand.PREFIX_LENGTH));
    }
}
