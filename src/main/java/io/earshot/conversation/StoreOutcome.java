package io.earshot.conversation;

import java.util.List;
import java.util.Set;

/**
 * What storing a batch did.
 *
 * @param stored the messages written, with ids (including held replies that joined)
 * @param mergedInto conversations that absorbed others; their messages need re-indexing
 * @param duplicates posts already stored (redelivery)
 * @param held replies kept until their parent enters
 * @param dropped posts that matched nothing and joined nothing
 */
public record StoreOutcome(List<Message> stored, Set<Long> mergedInto, int duplicates, int held, int dropped) {
}
