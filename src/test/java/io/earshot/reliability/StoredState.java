package io.earshot.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import io.earshot.search.PostFields;

/**
 * What a stopped application left behind, read straight from its database (H2 or PostgreSQL) and its
 * Lucene index: each stored post with its message id and conversation, each conversation's message
 * count, the held replies and dead letters, the message ids the index holds, and per rule the
 * messages that matched it, the trend rollups' day counts of it and its messages not yet counted
 * ({@code trend_pending}, whose ids come too).
 */
record StoredState(Map<String, Long> messageIdOfPost, Map<String, Long> conversationOfPost,
        Map<Long, Integer> messageCountOfConversation, long heldReplies, long deadLetters, Set<Long> indexedMessageIds,
        int indexedDocuments, Map<String, Long> messagesOfRule, Map<String, Long> dayCountsOfRule,
        Map<String, Long> pendingOfRule, Set<Long> pendingMessageIds) {

    /** Reads the H2 database and the index under {@code dataDir}; the application must not be running. */
    static StoredState read(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.resolve("earshot").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "earshot", "")) {
            return read(c, dataDir.resolve("index"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** Reads the database of a PostgreSQL cluster and the index under {@code dataDir}; the application must not be running. */
    static StoredState read(PostgresCluster database, Path dataDir) {
        try (Connection c = database.connect(PostgresCluster.DATABASE)) {
            return read(c, dataDir.resolve("index"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database.jdbcUrl(), e);
        }
    }

    private static StoredState read(Connection c, Path indexDir) throws SQLException {
        Map<String, Long> messageIds = new TreeMap<>();
        Map<String, Long> conversations = new TreeMap<>();
        Map<Long, Integer> counts = new TreeMap<>();
        long held;
        long dead;
        Map<String, Long> messagesOfRule;
        Map<String, Long> dayCountsOfRule;
        Map<String, Long> pendingOfRule;
        Set<Long> pending = new TreeSet<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select id, platform, external_id, conversation_id from message")) {
                while (r.next()) {
                    String key = r.getString(2) + ":" + r.getString(3);
                    if (messageIds.put(key, r.getLong(1)) != null) {
                        throw new IllegalStateException("post stored twice: " + key);
                    }
                    conversations.put(key, r.getLong(4));
                }
            }
            try (ResultSet r = s.executeQuery("select id, message_count from conversation")) {
                while (r.next()) {
                    counts.put(r.getLong(1), r.getInt(2));
                }
            }
            held = count(s, "held_reply");
            dead = count(s, "dead_letter");
            messagesOfRule = sums(s, "select 'rule:' || cast(rule_id as varchar), count(*) from message_rule group by rule_id");
            dayCountsOfRule = sums(s, "select series, sum(n) from trend_day where series like 'rule:%' group by series");
            pendingOfRule = sums(s, "select 'rule:' || cast(r.rule_id as varchar), count(*) from message_rule r"
                    + " join trend_pending p on p.message_id = r.message_id group by r.rule_id");
            try (ResultSet r = s.executeQuery("select message_id from trend_pending")) {
                while (r.next()) {
                    pending.add(r.getLong(1));
                }
            }
        }
        Set<Long> indexed = new TreeSet<>();
        int documents = 0;
        try (FSDirectory dir = FSDirectory.open(indexDir);
                DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                StoredFields fields = r.storedFields();
                for (int d = 0; d < r.maxDoc(); d++) {
                    if (live == null || live.get(d)) {
                        documents++;
                        indexed.add(Long.parseLong(fields.document(d).get(PostFields.ID)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index under " + indexDir, e);
        }
        return new StoredState(messageIds, conversations, counts, held, dead, indexed, documents, messagesOfRule,
                dayCountsOfRule, pendingOfRule, pending);
    }

    /** A {@code select key, number} as a sorted map. */
    private static Map<String, Long> sums(Statement s, String sql) throws SQLException {
        Map<String, Long> sums = new TreeMap<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                sums.put(r.getString(1), r.getLong(2));
            }
        }
        return sums;
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Problems with the state after {@code posts} went in: a post missing or extra, a thread split over
     * conversations or sharing one with another thread, a conversation's count wrong, the index not holding
     * exactly the stored messages, a rule's day count in the trend rollups other than its messages
     * less those not yet counted. Empty when all is well.
     */
    List<String> problems(ThreadedPosts posts) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < posts.threads(); t++) {
            for (int n = 0; n < ThreadedPosts.THREAD_LENGTH; n++) {
                expected.add("x:" + posts.id(t, n));
            }
        }
        Set<String> stored = new HashSet<>(conversationOfPost.keySet());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(stored);
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " posts missing, e.g. " + missing.stream().limit(5).toList());
        }
        Map<String, Set<Long>> conversationsOfThread = new HashMap<>();
        Map<Long, Set<String>> threadsOfConversation = new HashMap<>();
        Map<Long, Integer> messagesOfConversation = new HashMap<>();
        conversationOfPost.forEach((post, conversation) -> {
            if (!expected.contains(post)) {
                return;
            }
            String thread = ThreadedPosts.threadOf(post);
            conversationsOfThread.computeIfAbsent(thread, t -> new HashSet<>()).add(conversation);
            threadsOfConversation.computeIfAbsent(conversation, c -> new HashSet<>()).add(thread);
            messagesOfConversation.merge(conversation, 1, Integer::sum);
        });
        conversationsOfThread.forEach((thread, conversations) -> {
            if (conversations.size() != 1) {
                problems.add("thread " + thread + " split over conversations " + conversations);
            }
        });
        threadsOfConversation.forEach((conversation, threads) -> {
            if (threads.size() != 1) {
                problems.add("conversation " + conversation + " holds threads " + threads);
            }
            Integer count = messageCountOfConversation.get(conversation);
            if (count == null || count.intValue() != messagesOfConversation.get(conversation)) {
                problems.add("conversation " + conversation + " counts " + count + " messages but holds "
                        + messagesOfConversation.get(conversation));
            }
        });
        Set<Long> storedIds = new TreeSet<>(messageIdOfPost.values());
        if (!storedIds.equals(indexedMessageIds) || indexedDocuments != storedIds.size()) {
            Set<Long> notIndexed = new TreeSet<>(storedIds);
            notIndexed.removeAll(indexedMessageIds);
            Set<Long> notStored = new TreeSet<>(indexedMessageIds);
            notStored.removeAll(storedIds);
            problems.add("index disagrees with the database: " + storedIds.size() + " messages, " + indexedDocuments
                    + " documents; not indexed " + notIndexed.stream().limit(5).toList() + ", not stored "
                    + notStored.stream().limit(5).toList());
        }
        Map<String, Long> countedOrPending = new TreeMap<>(dayCountsOfRule);
        pendingOfRule.forEach((rule, n) -> countedOrPending.merge(rule, n, Long::sum));
        if (!messagesOfRule.equals(countedOrPending)) {
            problems.add("trend rollups count a message other than once: per rule, messages " + messagesOfRule
                    + ", day counts " + dayCountsOfRule + ", not yet counted " + pendingOfRule);
        }
        return problems;
    }
}
