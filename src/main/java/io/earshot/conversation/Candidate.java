package io.earshot.conversation;

import java.util.Set;

import io.earshot.post.Post;

/**
 * A valid post on its way to the inbox, with what matching decided about it.
 *
 * @param ruleIds the enabled rules it matched
 * @param outbound whether one of the brand's own accounts wrote it
 */
public record Candidate(Post post, Set<Long> ruleIds, boolean outbound) {

    public Candidate {
        ruleIds = Set.copyOf(ruleIds);
    }
}
