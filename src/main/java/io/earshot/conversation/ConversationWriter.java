package io.earshot.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;
import io.earshot.post.Post;
import io.earshot.post.PostKey;

/**
 * Turns a batch of matched posts into threaded conversations in one transaction.
 *
 * <p>A post enters the inbox when it matched a rule, was written by the brand, or replies to a post
 * already in a conversation (or entering in the same batch). A reply that does none of these is held
 * until its parent enters, so arrival order does not matter; when a post links two existing
 * conversations, they merge into the older one. Work per batch is a fixed handful of queries,
 * whatever its size: nothing here queries per post.
 */
@ApplicationScoped
public class ConversationWriter {

    @Inject
    EntityManager em;

    @Inject
    Event<ConversationMerged> merged;

    @Inject
    Event<MessagesStored> storedEvents;

    private static final List<BulkInsert.Column> HELD_REPLY = List.of(BulkInsert.Column.bigint("id"),
            BulkInsert.Column.text("platform"), BulkInsert.Column.text("external_id"),
            BulkInsert.Column.text("in_reply_to"), BulkInsert.Column.text("raw"),
            BulkInsert.Column.timestamp("received_at"));

    private final EnvelopeParser parser = new EnvelopeParser();

    /**
     * Stores a batch. Posts already stored are skipped, so a replayed batch changes nothing.
     *
     * @param isBrand decides whether a held reply, re-read when its parent arrives, is the brand's
     */
    @Transactional
    public StoreOutcome store(List<Candidate> batch, Predicate<Post> isBrand, Instant now) {
        Map<PostKey, Candidate> fresh = new LinkedHashMap<>();
        for (Candidate c : batch) {
            fresh.putIfAbsent(c.post().key(), c);
        }
        int duplicates = batch.size() - fresh.size();
        PostLookups lookups = new PostLookups(em);
        lookups.throughIndexes();
        Set<PostKey> batchAndParents = new HashSet<>(fresh.keySet());
        batchAndParents.addAll(parentKeys(fresh.values()));
        Map<PostKey, Long> parentConversation = lookups.conversationsOf(batchAndParents);
        for (PostKey alreadyStored : parentConversation.keySet()) {
            if (fresh.remove(alreadyStored) != null) {
                duplicates++;
            }
        }
        List<HeldReply> released = new ArrayList<>();
        Map<PostKey, Candidate> entering = entering(fresh, parentConversation, lookups, isBrand, released);

        int held = 0;
        int dropped = 0;
        List<Candidate> toHold = new ArrayList<>();
        for (Candidate c : fresh.values()) {
            if (entering.containsKey(c.post().key())) {
                continue;
            }
            if (c.post().inReplyTo() != null) {
                toHold.add(c);
            } else {
                dropped++;
            }
        }
        held += hold(lookups, toHold, now);

        if (entering.isEmpty()) {
            lookups.deleteHeld(released.stream().map(h -> h.id).toList());
            return new StoreOutcome(List.of(), Set.of(), duplicates, held, dropped);
        }
        // Posts whose parent lives in another batch's conversation, incl. released held replies.
        parentConversation.putAll(lookups.conversationsOf(parentKeys(entering.values())));
        Map<PostKey, Long> childConversation = lookups.childConversations(entering.keySet());

        Trees trees = Trees.link(entering, parentConversation, childConversation);
        Map<Long, Conversation> conversations = new HashMap<>();
        for (Conversation c : Conversation.withRules(trees.existingConversations())) {
            conversations.put(c.id, c);
        }
        List<Message> written = new ArrayList<>();
        Set<Long> mergedInto = new HashSet<>();
        ConversationInserts newConversations = new ConversationInserts(em);
        MessageInserts inserts = new MessageInserts(em);
        for (Map.Entry<Object, List<Candidate>> group : trees.posts().entrySet()) {
            List<Long> ids = new ArrayList<>(trees.conversations().getOrDefault(group.getKey(), Set.of()));
            ids.sort(Comparator.naturalOrder());
            Conversation target;
            boolean isNew = ids.isEmpty();
            if (isNew) {
                target = newConversation(group.getValue(), now);
            } else {
                target = conversations.get(ids.get(0));
                for (Long other : ids.subList(1, ids.size())) {
                    merge(conversations.get(other), target);
                    mergedInto.add(target.id);
                }
            }
            List<Message> added = addMessages(inserts, target, group.getValue(), now);
            if (isNew) {
                // Written once complete: its insert carries its final state and no update follows.
                newConversations.add(target);
            }
            for (Message m : added) {
                m.conversationId = target.id;
            }
            written.addAll(added);
        }
        // Conversations go in before the messages that reference them.
        newConversations.flush();
        em.flush();
        inserts.flush();
        lookups.deleteHeld(released.stream().map(h -> h.id).toList());
        em.flush();
        // In this transaction: what observers derive from new messages commits with them.
        storedEvents.fire(new MessagesStored(written));
        return new StoreOutcome(written, mergedInto, duplicates, held, dropped);
    }

    /**
     * The posts that enter the inbox, by fixpoint: what matched, what the brand wrote, what replies to
     * a stored conversation; then, until nothing changes, replies in the batch to anything entering
     * and held replies to anything entering (added to {@code released}). Batch order and the order
     * in which replies were held do not matter.
     */
    private Map<PostKey, Candidate> entering(Map<PostKey, Candidate> fresh, Map<PostKey, Long> parentConversation,
            PostLookups lookups, Predicate<Post> isBrand, List<HeldReply> released) {
        Map<PostKey, Candidate> entering = new LinkedHashMap<>();
        for (Candidate c : fresh.values()) {
            PostKey parent = c.post().parentKey();
            if (!c.ruleIds().isEmpty() || c.outbound() || (parent != null && parentConversation.containsKey(parent))) {
                entering.put(c.post().key(), c);
            }
        }
        List<PostKey> askHeldFor = new ArrayList<>(entering.keySet());
        while (true) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Candidate c : fresh.values()) {
                    PostKey key = c.post().key();
                    if (!entering.containsKey(key) && entering.containsKey(c.post().parentKey())) {
                        entering.put(key, c);
                        askHeldFor.add(key);
                        grew = true;
                    }
                }
            }
            if (askHeldFor.isEmpty()) {
                return entering;
            }
            List<PostKey> releasedKeys = new ArrayList<>();
            for (HeldReply h : lookups.heldRepliesTo(askHeldFor)) {
                released.add(h);
                ParseResult parsed = parser.parse(h.raw.getBytes(StandardCharsets.UTF_8));
                if (parsed instanceof ParseResult.Accepted accepted && !entering.containsKey(accepted.post().key())) {
                    Post post = accepted.post();
                    entering.put(post.key(), new Candidate(post, Set.of(), isBrand.test(post)));
                    releasedKeys.add(post.key());
                }
            }
            askHeldFor = releasedKeys;
        }
    }

    private Conversation newConversation(List<Candidate> group, Instant now) {
        Conversation c = new Conversation();
        boolean anyInbound = group.stream().anyMatch(m -> !m.outbound());
        // A thread only the brand has spoken in needs no one's attention until someone answers.
        c.status = anyInbound ? Status.OPEN : Status.CLOSED;
        c.priority = Priority.NORMAL;
        c.messageCount = 0;
        c.createdAt = now;
        c.lastActivityAt = group.stream().map(m -> m.post().createdAt()).min(Comparator.naturalOrder()).orElse(now);
        return c;
    }

    private List<Message> addMessages(MessageInserts inserts, Conversation target, List<Candidate> group,
            Instant now) {
        Set<PostKey> keys = new HashSet<>();
        group.forEach(c -> keys.add(c.post().key()));
        List<Message> written = new ArrayList<>(group.size());
        Message root = null;
        for (Candidate c : group) {
            Message m = Message.of(c.post(), c.outbound() ? Direction.OUTBOUND : Direction.INBOUND, c.ruleIds(), now);
            inserts.add(m);
            written.add(m);
            target.ruleIds.addAll(c.ruleIds());
            target.messageCount++;
            if (c.post().createdAt().isAfter(target.lastActivityAt)) {
                target.lastActivityAt = c.post().createdAt();
            }
            if (!c.outbound() && target.status == Status.CLOSED && target.id != null) {
                target.status = Status.OPEN;
            }
            PostKey parent = c.post().parentKey();
            boolean parentHere = parent != null && keys.contains(parent);
            if (!parentHere && (root == null || c.post().createdAt().isBefore(root.createdAt))) {
                root = m;
            }
        }
        if (target.rootMessageId == null && root != null) {
            target.rootMessageId = root.id;
        } else if (root != null && root.inReplyTo == null) {
            // The true root of the tree arrived after its replies.
            target.rootMessageId = root.id;
        }
        return written;
    }

    private void merge(Conversation from, Conversation into) {
        for (String entity : new String[] { "Message", "Note", "AuditEntry" }) {
            em.createQuery("update " + entity + " e set e.conversationId = ?1 where e.conversationId = ?2")
                    .setParameter(1, into.id).setParameter(2, from.id).executeUpdate();
        }
        merged.fire(new ConversationMerged(from.id, into.id));
        into.ruleIds.addAll(from.ruleIds);
        into.tags.addAll(from.tags);
        into.messageCount += from.messageCount;
        if (from.lastActivityAt.isAfter(into.lastActivityAt)) {
            into.lastActivityAt = from.lastActivityAt;
        }
        if (into.assignee == null) {
            into.assignee = from.assignee;
        }
        if (into.status == Status.CLOSED && from.status != Status.CLOSED) {
            into.status = from.status;
        }
        if (from.createdAt.isBefore(into.createdAt)) {
            into.createdAt = from.createdAt;
        }
        from.delete();
    }

    /** Holds the replies not held yet, written like new messages (nothing reads them back in the transaction). */
    private int hold(PostLookups lookups, List<Candidate> replies, Instant now) {
        Set<PostKey> alreadyHeld = lookups.held(replies.stream().map(c -> c.post().key()).toList());
        BulkInsert rows = new BulkInsert("held_reply", HELD_REPLY);
        // Asks the sequence only at its first id, so a batch holding nothing costs no query.
        SequenceBlock ids = new SequenceBlock(em.unwrap(Session.class), "held_reply_seq");
        for (Candidate c : replies) {
            if (alreadyHeld.add(c.post().key())) {
                Post post = c.post();
                rows.add(ids.nextId(), post.platform(), post.externalId(), post.inReplyTo(), post.raw(), now);
            }
        }
        em.unwrap(Session.class).doWork(rows::execute);
        return replies.size();
    }

    /** Deletes held replies received before {@code cutoff}; answers how many. */
    @Transactional
    public long dropHeldBefore(Instant cutoff) {
        return HeldReply.delete("receivedAt < ?1", cutoff);
    }

    private static Set<PostKey> parentKeys(Collection<Candidate> candidates) {
        Set<PostKey> keys = new HashSet<>();
        for (Candidate c : candidates) {
            if (c.post().parentKey() != null) {
                keys.add(c.post().parentKey());
            }
        }
        return keys;
    }
}
