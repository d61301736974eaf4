package io.earshot.conversation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.Basic;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import io.earshot.post.Author;
import io.earshot.post.Entities;
import io.earshot.post.Post;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One post in a conversation, inbound or outbound, as stored. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(nullable = false, length = 32)
    public String platform;

    @Column(name = "external_id", nullable = false, length = 256)
    public String externalId;

    @Column(name = "in_reply_to", length = 256)
    public String inReplyTo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Direction direction;

    @Column(name = "author_handle", nullable = false, length = 100)
    public String authorHandle;

    @Column(name = "author_name", length = 200)
    public String authorName;

    @Column(name = "author_followers")
    public Long authorFollowers;

    /** Up to 10,000 code points, which is up to 20,000 UTF-16 units (H2 counts the latter). */
    @Column(nullable = false, length = 20_000)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(length = 16)
    public String lang;

    @Column(length = 2048)
    public String url;

    @Column(length = 4000)
    public String hashtags;

    @Column(length = 4000)
    public String mentions;

    @Column(length = 4000)
    public String cashtags;

    @Column(length = 10_000)
    public String urls;

    /** The envelope as received; up to 256 KB, read only when asked for, never by the pages. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, length = 262_144)
    public String raw;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** The post a new message was made from, kept so indexing does not rebuild it from the columns. */
    @Transient
    private Post source;

    /** The rules this post matched when it arrived. */
    @ElementCollection
    @CollectionTable(name = "message_rule", joinColumns = @JoinColumn(name = "message_id"))
    @Column(name = "rule_id")
    public Set<Long> ruleIds = new HashSet<>();

    /** A new message for this post; its id and conversation are set by the writer. */
    static Message of(Post post, Direction direction, Set<Long> ruleIds, Instant receivedAt) {
        Message m = new Message();
        m.platform = post.platform();
        m.externalId = post.externalId();
        m.inReplyTo = post.inReplyTo();
        m.direction = direction;
        m.authorHandle = post.author().handle();
        m.authorName = post.author().name();
        m.authorFollowers = post.author().followers();
        m.text = post.text();
        m.createdAt = post.createdAt();
        m.lang = post.lang();
        m.url = post.url();
        m.hashtags = join(post.entities().hashtags(), 4000);
        m.mentions = join(post.entities().mentions(), 4000);
        m.cashtags = join(post.entities().cashtags(), 4000);
        m.urls = join(post.entities().urls(), 10_000);
        m.raw = post.raw();
        m.receivedAt = receivedAt;
        m.ruleIds = new HashSet<>(ruleIds);
        m.source = post;
        return m;
    }

    /** The post this message was made from, entities included, for indexing. */
    public Post toPost() {
        if (source != null) {
            return source;
        }
        return new Post(platform, externalId, new Author(authorHandle, authorName, authorFollowers), text, createdAt,
                inReplyTo, lang, url, direction == Direction.OUTBOUND, new Entities(split(hashtags), split(mentions), split(cashtags), split(urls)), raw);
    }

    /** Messages of one conversation, oldest first. */
    public static List<Message> ofConversation(long conversationId) {
        return list("conversationId = ?1 order by createdAt, id", conversationId);
    }

    /** Messages with ids above {@code afterId}, in id order: a page of the index catch-up. */
    public static List<Message> after(long afterId, int limit) {
        return find("id > ?1 order by id", afterId).page(0, limit).list();
    }

    public static List<Message> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** These messages with their rule ids, in id order. */
    public static List<Message> withRules(Collection<Long> ids) {
        return ids.isEmpty() ? List.of()
                : list("select distinct m from Message m left join fetch m.ruleIds where m.id in ?1 order by m.id", ids);
    }

    /** Who wrote a message and what it says: all the queue shows of a conversation's first post. */
    public record Opening(String authorHandle, String text) {
    }

    /**
     * The author and text of these messages, by id, read as plain values: the queue shows 50 of
     * them on every page, and loading them as entities (with their rule sets) cost more than the query.
     */
    public static Map<Long, Opening> openings(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Opening> openings = new HashMap<>();
        getEntityManager().createQuery("select m.id, m.authorHandle, m.text from Message m where m.id in :ids",
                Object[].class).setParameter("ids", ids).getResultList()
                .forEach(row -> openings.put((Long) row[0], new Opening((String) row[1], (String) row[2])));
        return openings;
    }

    /** Messages of these conversations, rules loaded. */
    public static List<Message> inConversations(Collection<Long> conversationIds) {
        return conversationIds.isEmpty() ? List.of()
                : list("select distinct m from Message m left join fetch m.ruleIds where m.conversationId in ?1",
                        conversationIds);
    }

    /** Space-joined values, keeping only whole values that fit the column. */
    private static String join(List<String> values, int limit) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            int needed = value.length() + (joined.length() == 0 ? 0 : 1);
            if (joined.length() + needed > limit) {
                continue;
            }
            if (joined.length() > 0) {
                joined.append(' ');
            }
            joined.append(value);
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
    }
}
