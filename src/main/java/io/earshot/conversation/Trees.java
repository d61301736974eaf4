package io.earshot.conversation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.earshot.post.PostKey;

/**
 * The reply trees a batch's entering posts belong to: reply links (post to parent, post to a stored
 * parent's conversation, stored reply's conversation to its newly arrived parent) collapsed with
 * union-find. A tree that touches several stored conversations is where they merge.
 *
 * @param posts the entering posts of each tree, keyed by the tree's representative
 * @param conversations the stored conversations each tree touches (none for a new conversation)
 */
record Trees(Map<Object, List<Candidate>> posts, Map<Object, Set<Long>> conversations) {

    static Trees link(Map<PostKey, Candidate> entering, Map<PostKey, Long> parentConversation,
            Map<PostKey, Long> childConversation) {
        UnionFind<Object> links = new UnionFind<>();
        for (Candidate c : entering.values()) {
            PostKey key = c.post().key();
            links.find(key);
            PostKey parent = c.post().parentKey();
            if (parent == null) {
                continue;
            }
            if (entering.containsKey(parent)) {
                links.union(key, parent);
            } else if (parentConversation.containsKey(parent)) {
                links.union(key, parentConversation.get(parent));
            }
        }
        childConversation.forEach(links::union);

        Map<Object, List<Candidate>> posts = new LinkedHashMap<>();
        for (Candidate c : entering.values()) {
            posts.computeIfAbsent(links.find(c.post().key()), k -> new ArrayList<>()).add(c);
        }
        Set<Long> touched = new HashSet<>(parentConversation.values());
        touched.addAll(childConversation.values());
        Map<Object, Set<Long>> conversations = new LinkedHashMap<>();
        for (Long id : touched) {
            Object tree = links.find(id);
            if (posts.containsKey(tree)) {
                conversations.computeIfAbsent(tree, k -> new HashSet<>()).add(id);
            }
        }
        return new Trees(posts, conversations);
    }

    /** Every stored conversation some tree touches. */
    Set<Long> existingConversations() {
        Set<Long> ids = new HashSet<>();
        conversations.values().forEach(ids::addAll);
        return ids;
    }
}
