package io.earshot.search;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;

import io.earshot.conversation.MatchHighlights;

/**
 * Highlights a message's text against the rules that caught it, straight from the text (no index
 * read): the rules' queries are parsed as the matcher parses them and scored over the text's tokens,
 * so {@code #hashtag} and {@code @mention} rules mark the words too. Everything else is HTML-escaped.
 */
@ApplicationScoped
public class RuleHighlights implements MatchHighlights {

    private final Analyzer analyzer = PostAnalyzer.create();
    private final QueryLanguage language = new QueryLanguage(analyzer);

    @Override
    public String highlight(String text, Iterable<String> ruleQueries) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int clauses = 0;
        for (String rule : ruleQueries) {
            try {
                any.add(language.parse(rule), BooleanClause.Occur.SHOULD);
                clauses++;
            } catch (InvalidQueryException e) {
                // A rule saved under an older grammar still shows its post, just unmarked.
            }
        }
        if (clauses == 0) {
            return null;
        }
        Query query = any.build();
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"),
                new SimpleHTMLEncoder(), new QueryScorer(query));
        highlighter.setTextFragmenter(new NullFragmenter());
        highlighter.setMaxDocCharsToAnalyze(Math.max(text.length(), 1));
        try {
            return highlighter.getBestFragment(analyzer, PostFields.TEXT, text);
        } catch (IOException | InvalidTokenOffsetsException e) {
            return null;
        }
    }
}
