package io.earshot.search;

import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;

/**
 * The analysis shared by indexing, rule matching and query parsing.
 *
 * <p>{@code text} uses UAX#29 word breaking that keeps URLs, e-mail addresses and emoji whole, then
 * folds case and accents, so {@code #Café} is found by {@code cafe}. Entity fields hold one token per
 * value, case-folded, so {@code hashtag:acme} finds {@code #ACME}.
 */
public final class PostAnalyzer {

    private PostAnalyzer() {
    }

    public static Analyzer create() {
        Map<String, Analyzer> perField = new HashMap<>();
        Analyzer keyword = new KeywordAnalyzer();
        for (String field : PostFields.KEYWORDS) {
            perField.put(field, keyword);
        }
        return new PerFieldAnalyzerWrapper(new TextAnalyzer(), perField);
    }

    static final class TextAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }

    static final class KeywordAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            KeywordTokenizer tokenizer = new KeywordTokenizer();
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
