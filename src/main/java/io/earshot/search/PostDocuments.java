package io.earshot.search;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

import io.earshot.post.Post;

/**
 * Builds the Lucene documents of posts. The same content fields serve rule matching (a post before
 * it is stored) and the search index (a stored message with its conversation and rules), so a rule
 * and a search for the same words find the same posts.
 */
public final class PostDocuments {

    /** Analysed text with offsets, for highlighting. */
    static final FieldType TEXT_TYPE = new FieldType(TextField.TYPE_STORED);
    /**
     * Analysed text as rules match it: positions for phrases, nothing stored and no offsets. Lucene
     * Monitor writes each chunk of posts into a small index of its own; storing the text there
     * (and compressing it) was about a tenth of matching, for nothing a rule reads.
     */
    static final FieldType MATCHED_TEXT_TYPE = new FieldType(TextField.TYPE_NOT_STORED);
    /** One analysed token per value, so the field's analyser folds case at index and query time alike. */
    static final FieldType KEYWORD_TYPE = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_TYPE.freeze();
        MATCHED_TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        MATCHED_TEXT_TYPE.freeze();
        KEYWORD_TYPE.setIndexOptions(IndexOptions.DOCS);
        KEYWORD_TYPE.setOmitNorms(true);
        KEYWORD_TYPE.setTokenized(true);
        KEYWORD_TYPE.freeze();
    }

    private PostDocuments() {
    }

    /** The content fields of a post, as rules match them: indexed the same way as in the search index, nothing stored. */
    public static Document content(Post post) {
        return content(post, MATCHED_TEXT_TYPE);
    }

    private static Document content(Post post, FieldType textType) {
        Document doc = new Document();
        doc.add(new Field(PostFields.TEXT, post.text(), textType));
        addKeywords(doc, PostFields.HASHTAG, post.entities().hashtags());
        addKeywords(doc, PostFields.MENTION, post.entities().mentions());
        addKeywords(doc, PostFields.CASHTAG, post.entities().cashtags());
        addKeywords(doc, PostFields.URL, post.entities().urls());
        addKeyword(doc, PostFields.AUTHOR, post.author().handle());
        addKeyword(doc, PostFields.PLATFORM, post.platform());
        addKeyword(doc, PostFields.LANG, post.lang());
        doc.add(new LongPoint(PostFields.CREATED, post.createdAt().toEpochMilli()));
        return doc;
    }

    /** Facet dimensions, counted by search: one value per entity, case-folded. */
    public static final List<String> FACET_DIMENSIONS = List.of(PostFields.HASHTAG, PostFields.MENTION,
            PostFields.AUTHOR, PostFields.RULE, PostFields.LANG, PostFields.PLATFORM);
    static final FacetsConfig FACETS = facetsConfig();
    /** Stored: the platform's id of the post. */
    static final String POST_ID = "post_id";
    /** Stored: the ids of the rules the post matched. */
    static final String RULES = "rules";

    /**
     * Facets are counted from doc values only. Lucene also indexes every facet value as a term for
     * drill-down queries by default; searches filter by the keyword fields instead, so those terms
     * were written, and rewritten by every merge, for nothing.
     */
    private static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        for (String dim : FACET_DIMENSIONS) {
            config.setMultiValued(dim, true);
            config.setDrillDownTermsIndexing(dim, FacetsConfig.DrillDownTermsIndexing.NONE);
        }
        return config;
    }

    /**
     * The index document of a stored message: its content plus identity, conversation, rules, the
     * doc values that sort, group and facet it, and the stored fields a search result shows.
     */
    public static Document indexed(long messageId, long conversationId, String direction, Post post,
            Collection<Long> ruleIds) {
        Document doc = content(post, TEXT_TYPE);
        // Sorting and trends read the time from doc values; rules only ever ask for a range (points).
        doc.add(new NumericDocValuesField(PostFields.CREATED, post.createdAt().toEpochMilli()));
        doc.add(new StoredField(PostFields.CREATED, post.createdAt().toEpochMilli()));
        doc.add(new StringField(PostFields.ID, Long.toString(messageId), Field.Store.YES));
        doc.add(new NumericDocValuesField(PostFields.ID, messageId));
        doc.add(new StringField(PostFields.CONVERSATION, Long.toString(conversationId), Field.Store.YES));
        doc.add(new SortedDocValuesField(PostFields.CONVERSATION, new BytesRef(Long.toString(conversationId))));
        doc.add(new StoredField(POST_ID, post.externalId()));
        doc.add(new StoredField(PostFields.PLATFORM, post.platform()));
        doc.add(new StoredField(PostFields.AUTHOR, post.author().handle()));
        addKeyword(doc, PostFields.DIRECTION, direction);
        for (Long ruleId : ruleIds) {
            addKeyword(doc, PostFields.RULE, ruleId.toString());
            doc.add(new StoredField(RULES, ruleId));
            doc.add(new SortedSetDocValuesFacetField(PostFields.RULE, ruleId.toString()));
        }
        addFacets(doc, PostFields.HASHTAG, post.entities().hashtags());
        addFacets(doc, PostFields.MENTION, post.entities().mentions());
        addFacets(doc, PostFields.AUTHOR, List.of(post.author().handle()));
        addFacets(doc, PostFields.LANG, post.lang() == null ? List.of() : List.of(post.lang()));
        addFacets(doc, PostFields.PLATFORM, List.of(post.platform()));
        return doc;
    }

    private static void addFacets(Document doc, String dim, Collection<String> values) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            String folded = value.toLowerCase(Locale.ROOT);
            if (!folded.isEmpty() && seen.add(folded)) {
                doc.add(new SortedSetDocValuesFacetField(dim, folded));
            }
        }
    }

    private static void addKeywords(Document doc, String field, Collection<String> values) {
        for (String value : values) {
            addKeyword(doc, field, value);
        }
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new Field(field, value.toLowerCase(Locale.ROOT), KEYWORD_TYPE));
        }
    }
}
