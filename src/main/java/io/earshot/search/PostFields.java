package io.earshot.search;

import java.util.Set;

/**
 * Field names of the post documents, shared by listening rules and search so that both speak one
 * language (see {@code docs/query-language.md}).
 */
public final class PostFields {

    /** Analysed text; the default field of a query. */
    public static final String TEXT = "text";
    public static final String HASHTAG = "hashtag";
    public static final String MENTION = "mention";
    public static final String CASHTAG = "cashtag";
    public static final String URL = "url";
    public static final String AUTHOR = "author";
    public static final String PLATFORM = "platform";
    public static final String LANG = "lang";
    /** Creation time, epoch milliseconds. */
    public static final String CREATED = "created";
    public static final String RULE = "rule";
    public static final String STATUS = "status";
    public static final String ASSIGNEE = "assignee";
    public static final String TAG = "tag";
    public static final String CONVERSATION = "conversation";
    public static final String DIRECTION = "direction";
    /** The message's database id: the document's identity in the index. */
    public static final String ID = "id";

    /** Conversation triage, which changes after ingest: a search filter parameter, not a query field. */
    public static final Set<String> TRIAGE = Set.of(STATUS, ASSIGNEE, TAG);

    /** Fields whose whole value is one case-folded token. */
    public static final Set<String> KEYWORDS = Set.of(HASHTAG, MENTION, CASHTAG, URL, AUTHOR, PLATFORM, LANG,
            RULE, STATUS, ASSIGNEE, TAG, CONVERSATION, DIRECTION, ID);

    private PostFields() {
    }
}
