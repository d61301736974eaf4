package io.earshot.conversation;

import java.util.HashMap;
import java.util.Map;

/** Disjoint sets over arbitrary keys: the reply links of a batch collapse into conversations. */
final class UnionFind<K> {

    private final Map<K, K> parent = new HashMap<>();

    K find(K key) {
        K p = parent.computeIfAbsent(key, k -> k);
        if (p.equals(key)) {
            return key;
        }
        K root = find(p);
        parent.put(key, root);
        return root;
    }

    void union(K a, K b) {
        K ra = find(a);
        K rb = find(b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
