package io.earshot.trends;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The state of the trends page as its URL carries it, so a chart can be bookmarked and shared:
 * which series, the interval, the range (a preset such as {@code 7d} or {@code custom} with
 * {@code from}/{@code to}), the browser's time zone and whether shares of voice are shown.
 *
 * @param series series keys as {@code /api/trends} takes them ({@code rule:3}, {@code hashtag:acme},
 *        {@code term:refund}, {@code q:<query>})
 * @param interval {@code minute}, {@code hour}, {@code day} or {@code week}
 * @param range one of {@link #RANGES}
 * @param from the custom range's start as typed (a local date or date-time read in {@code tz}), or null
 * @param to the custom range's end as typed, or null
 * @param tz the IANA zone the browser reported, or null until it has
 * @param share whether the chart shows each series' share of voice instead of counts
 */
public record TrendsPageQuery(List<String> series, String interval, String range, String from, String to, String tz,
        boolean share) {

    public static final String PATH = "/trends";
    public static final List<String> INTERVALS = List.of("minute", "hour", "day", "week");
    /** The range presets and how far back each reaches; {@code custom} takes {@code from} and {@code to}. */
    public static final Map<String, Duration> PRESETS = Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30), "90d", Duration.ofDays(90));
    public static final String CUSTOM = "custom";
    public static final List<String> RANGES = List.of("24h", "7d", "30d", "90d", CUSTOM);
    private static final List<String> KINDS = List.of("rule", "hashtag", "term", "q");

    public TrendsPageQuery {
        series = series.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        interval = interval != null && INTERVALS.contains(interval) ? interval : "hour";
        range = range != null && RANGES.contains(range) ? range : "7d";
        from = blankToNull(from);
        to = blankToNull(to);
        tz = blankToNull(tz);
    }

    /**
     * The page's state from its query string: every {@code series} value, plus one series from each
     * of the "add" fields {@code hashtag}, {@code term} and {@code q}.
     */
    public static TrendsPageQuery of(Map<String, List<String>> params) {
        List<String> series = new ArrayList<>(values(params, "series"));
        for (String kind : List.of("hashtag", "term", "q")) {
            for (String value : values(params, kind)) {
                if (!value.isBlank()) {
                    series.add(kind + ":" + value.strip());
                }
            }
        }
        return new TrendsPageQuery(series, first(params, "interval"), first(params, "range"), first(params, "from"),
                first(params, "to"), first(params, "tz"), "1".equals(first(params, "share")));
    }

    /** The same page with these series, as when the page picks default series. */
    public TrendsPageQuery withSeries(List<String> keys) {
        return new TrendsPageQuery(keys, interval, range, from, to, tz, share);
    }

    public boolean isCustom() {
        return CUSTOM.equals(range);
    }

    public boolean hasRule(long id) {
        return series.contains("rule:" + id);
    }

    public List<String> intervals() {
        return INTERVALS;
    }

    public List<String> ranges() {
        return RANGES;
    }

    /** Series other than rules, which the picker lists as checked boxes under their own label. */
    public List<String> otherSeries() {
        return series.stream().filter(s -> !s.startsWith("rule:")).toList();
    }

    /**
     * The parameters of {@code /api/trends}, {@code /api/trends.csv} and (less series and interval)
     * {@code /api/trends/top}: a preset range becomes instants ending at the next whole minute after
     * {@code now}; a custom one passes on as typed. Without {@code tz}, the browser adds its own.
     */
    public String apiQuery(Instant now) {
        StringJoiner query = new StringJoiner("&");
        series.forEach(s -> query.add("series=" + encode(s)));
        query.add("interval=" + interval);
        period(query, now);
        return query.toString();
    }

    /** The period parameters alone ({@code from}, {@code to}, {@code tz}), for the top tables. */
    public String periodQuery(Instant now) {
        StringJoiner query = new StringJoiner("&");
        period(query, now);
        return query.toString();
    }

    private void period(StringJoiner query, Instant now) {
        if (isCustom()) {
            if (from != null) {
                query.add("from=" + encode(from));
            }
            if (to != null) {
                query.add("to=" + encode(to));
            }
        } else {
            Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            query.add("from=" + encode(end.minus(PRESETS.get(range)).toString()));
            query.add("to=" + encode(end.toString()));
        }
        if (tz != null) {
            query.add("tz=" + encode(tz));
        }
    }

    /** This page's canonical URL: the "add" fields folded into {@code series}. */
    public String url() {
        StringJoiner query = new StringJoiner("&");
        series.forEach(s -> query.add("series=" + encode(s)));
        query.add("interval=" + interval).add("range=" + range);
        if (isCustom() && from != null) {
            query.add("from=" + encode(from));
        }
        if (isCustom() && to != null) {
            query.add("to=" + encode(to));
        }
        if (tz != null) {
            query.add("tz=" + encode(tz));
        }
        if (share) {
            query.add("share=1");
        }
        return PATH + "?" + query;
    }

    /**
     * The search query that finds a series' posts, for the top tables ({@code /api/trends/top?q=}):
     * the series joined with OR.
     */
    public String topQuery() {
        StringJoiner query = new StringJoiner(" OR ");
        series.forEach(s -> query.add(searchClause(s)));
        return query.toString();
    }

    /** One series as a clause of the query language. */
    static String searchClause(String key) {
        int colon = key.indexOf(':');
        String kind = colon < 0 ? "" : key.substring(0, colon);
        String value = colon < 0 ? key : key.substring(colon + 1);
        return switch (KINDS.contains(kind) ? kind : "q") {
            case "rule" -> "rule:" + quote(value);
            case "hashtag" -> "hashtag:" + quote(value.startsWith("#") ? value.substring(1) : value);
            case "term" -> quote(value);
            default -> "(" + value + ")";
        };
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> values(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = values(params, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
