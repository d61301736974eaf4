package io.earshot.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Parses the one query language of listening rules and search: Lucene's classic syntax over
 * {@link PostFields}, with {@code #tag}, {@code @handle} and {@code $CASH} shorthands and date math on
 * {@code created} ({@code created:[now-7d TO now]}).
 *
 * <p>Queries come from people typing into a box, so the parser refuses what could stall the server:
 * leading wildcards, regular expressions, unknown fields, over-long input and boolean expansions past
 * {@link IndexSearcher#getMaxClauseCount()}. Thread-safe: each call builds its own parser.
 */
public final class QueryLanguage {

    /** Longest accepted query, in characters. */
    public static final int MAX_QUERY_LENGTH = 4_000;
    /** Deepest accepted nesting of parentheses. */
    public static final int MAX_NESTING = 32;

    private static final Pattern CASHTAG = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_.]{0,14}");
    private static final Pattern DATE_MATH = Pattern.compile("now(?:([+-])(\\d{1,6})([mhdwMy]))?(?:/([dhM]))?");
    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");
    private static final String FIELD_LIST = String.join(", ", new TreeSet<>(Stream
            .concat(PostFields.KEYWORDS.stream().filter(f -> !PostFields.TRIAGE.contains(f)),
                    Stream.of(PostFields.TEXT, PostFields.CREATED))
            .toList()));

    private final Analyzer analyzer;

    public QueryLanguage(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Parses a query.
     *
     * @throws InvalidQueryException with what is wrong and where, for any query the language refuses
     */
    public Query parse(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidQueryException("query is empty", 0);
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("query is longer than " + MAX_QUERY_LENGTH + " characters",
                    MAX_QUERY_LENGTH);
        }
        checkShape(query);
        try {
            return new Parser(analyzer).parse(query);
        } catch (ParseException e) {
            throw new InvalidQueryException(firstLine(e.getMessage()), position(e));
        } catch (TokenMgrError e) {
            throw new InvalidQueryException(firstLine(e.getMessage()), columnIn(e.getMessage()));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query expands to more than " + IndexSearcher.getMaxClauseCount()
                    + " clauses", -1);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidQueryException(firstLine(e.getMessage()), -1);
        }
    }

    /** Refuses control characters and deep nesting before the (recursive) parser sees them. */
    private static void checkShape(String query) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidQueryException("query contains a control character", i);
            }
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(' && ++depth > MAX_NESTING) {
                throw new InvalidQueryException("query nests parentheses deeper than " + MAX_NESTING, i);
            } else if (!quoted && c == ')') {
                depth--;
            }
        }
    }

    private static int position(ParseException e) {
        Token token = e.currentToken;
        if (token != null && token.next != null && token.next.beginColumn > 0) {
            return token.next.beginColumn - 1;
        }
        if (token != null && token.endColumn > 0) {
            return token.endColumn;
        }
        return columnIn(e.getMessage());
    }

    private static int columnIn(String message) {
        Matcher m = COLUMN.matcher(message == null ? "" : message);
        return m.find() ? Math.max(0, Integer.parseInt(m.group(1)) - 1) : -1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid query";
        }
        String line = message.strip().lines().findFirst().orElse("invalid query");
        return line.startsWith("Cannot parse '") && line.contains("': ")
                ? line.substring(line.indexOf("': ") + 3)
                : line;
    }

    /** Classic parser with Earshot's fields, shorthands and limits. */
    private static final class Parser extends QueryParser {

        Parser(Analyzer analyzer) {
            super(PostFields.TEXT, analyzer);
            setAllowLeadingWildcard(false);
            setDefaultOperator(AND_OPERATOR);
            // Each whitespace-separated word is a clause of its own, so "#acme refund" is two clauses.
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(true);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (!quoted && PostFields.TEXT.equals(field)) {
                Shorthand shorthand = Shorthand.of(queryText);
                if (shorthand != null) {
                    return super.getFieldQuery(shorthand.field, shorthand.value, false);
                }
            }
            checkField(field);
            if (PostFields.CREATED.equals(field)) {
                // A bare day means the whole day; an instant means that millisecond.
                return LongPoint.newRangeQuery(field, instant(queryText, false), instant(queryText, queryText.length() == 10));
            }
            return super.getFieldQuery(field, queryText, quoted);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            if (PostFields.TEXT.equals(field)) {
                Shorthand shorthand = Shorthand.of(termStr);
                if (shorthand != null) {
                    return super.getPrefixQuery(shorthand.field, shorthand.value);
                }
            }
            checkField(field);
            if (PostFields.CREATED.equals(field)) {
                throw new ParseException("created takes a date or a range, not a prefix");
            }
            return super.getPrefixQuery(field, termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if ("*".equals(field) && "*".equals(termStr)) {
                return new MatchAllDocsQuery();
            }
            checkField(field);
            if (PostFields.CREATED.equals(field)) {
                throw new ParseException("created takes a date or a range, not a wildcard");
            }
            return super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            checkField(field);
            return super.getFuzzyQuery(field, termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            throw new ParseException("regular expressions (/.../) are not supported; use words, phrases or prefix*");
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            checkField(field);
            if (!PostFields.CREATED.equals(field)) {
                return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
            }
            long from = isOpen(part1) ? Long.MIN_VALUE : instant(part1, false);
            long to = isOpen(part2) ? Long.MAX_VALUE : instant(part2, true);
            if (!startInclusive && from != Long.MIN_VALUE) {
                from = Math.addExact(from, 1);
            }
            if (!endInclusive && to != Long.MAX_VALUE) {
                to = Math.addExact(to, -1);
            }
            return LongPoint.newRangeQuery(field, from, to);
        }

        private static boolean isOpen(String part) {
            return part == null || "*".equals(part);
        }

        private static void checkField(String field) throws ParseException {
            if (PostFields.TRIAGE.contains(field)) {
                // Triage changes after ingest and lives in the database; search filters on it by parameter.
                throw new ParseException(field + " is not part of a post; filter on it with the " + field
                        + " parameter of the search");
            }
            if (!PostFields.TEXT.equals(field) && !PostFields.CREATED.equals(field)
                    && !PostFields.KEYWORDS.contains(field)) {
                throw new ParseException("unknown field '" + field + "'; fields are " + FIELD_LIST);
            }
        }

        /**
         * Epoch millis for a date ({@code 2026-11-25}), a date-time with offset, or date math
         * ({@code now-7d}, {@code now/d}); a bare date as an upper bound means the end of that day.
         */
        private static long instant(String value, boolean upperBound) throws ParseException {
            Matcher math = DATE_MATH.matcher(value);
            if (math.matches()) {
                OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
                if (math.group(1) != null) {
                    long amount = Long.parseLong(math.group(2)) * ("-".equals(math.group(1)) ? -1 : 1);
                    t = switch (math.group(3)) {
                        case "m" -> t.plusMinutes(amount);
                        case "h" -> t.plusHours(amount);
                        case "d" -> t.plusDays(amount);
                        case "w" -> t.plusWeeks(amount);
                        case "M" -> t.plusMonths(amount);
                        default -> t.plusYears(amount);
                    };
                }
                if (math.group(4) != null) {
                    t = switch (math.group(4)) {
                        case "h" -> t.truncatedTo(ChronoUnit.HOURS);
                        case "d" -> t.truncatedTo(ChronoUnit.DAYS);
                        default -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                    };
                }
                return t.toInstant().toEpochMilli();
            }
            try {
                if (value.length() == 10) {
                    LocalDate day = LocalDate.parse(value);
                    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                    return upperBound ? start.plus(1, ChronoUnit.DAYS).toEpochMilli() - 1 : start.toEpochMilli();
                }
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ParseException("created expects a date (2026-11-25), a date-time with offset"
                        + " (2026-11-25T09:00:00Z) or date math (now-7d); got '" + value + "'");
            }
        }
    }

    /** {@code #tag}, {@code @handle} and {@code $CASH} typed as bare words. */
    private record Shorthand(String field, String value) {

        static Shorthand of(String word) {
            if (word.length() < 2) {
                return null;
            }
            return switch (word.charAt(0)) {
                case '#' -> new Shorthand(PostFields.HASHTAG, word.substring(1));
                case '@' -> new Shorthand(PostFields.MENTION, word.substring(1));
                case '$' -> CASHTAG.matcher(word).matches() ? new Shorthand(PostFields.CASHTAG, word.substring(1)) : null;
                default -> null;
            };
        }
    }
}
