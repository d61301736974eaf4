package io.earshot.bench.generate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A deterministic stream of realistic posts: English-like text over a Zipf vocabulary, several
 * languages, authors with Zipf activity, conversations as reply chains (most 1-3 posts, a tail past
 * 50), bursts around one brand, and {@code created_at} spread over the span with a daily rhythm.
 *
 * <p>The shape of every conversation is drawn first, in memory; the posts are then sorted by time
 * and their text is written one at a time from a random seeded by the post's position, so the same
 * settings always give the same bytes.
 */
public final class PostGenerator implements Iterable<GeneratedPost> {

    private static final String[] LANGS = { "en", "es", "pt", "fr", "de" };
    private static final double[] LANG_SHARE = cumulative(new double[] { 0.78, 0.09, 0.05, 0.04, 0.04 });
    /** Relative activity per hour of day (UTC): quiet nights, a lunch peak and an evening peak. */
    private static final double[] HOURLY = { 3, 2, 1.5, 1, 1, 1.5, 3, 5, 7, 8, 8, 9, 10, 10, 9, 8, 8, 9, 10, 10, 9, 7,
            5, 4 };
    private static final String[] EMOJI = { "😡", "🙏", "😂", "👍", "🔥", "😢", "❤️" };
    private static final List<String> BRAND_REPLY = List.of("sorry", "to", "hear", "that", "please", "send", "us",
            "a", "dm", "with", "your", "order", "number");
    private static final long MIN_GAP_MS = 5_000;

    private final GeneratorSettings settings;
    private final RuleSets rules;
    private final List<String> english;
    private final Zipf englishZipf;
    private final List<List<String>> otherWords = new ArrayList<>();
    private final List<Zipf> otherZipf = new ArrayList<>();
    private final List<String> hashtags;
    private final Zipf hashtagZipf;
    private final String[] authors;
    private final byte[] authorLang;
    private final Skeleton[] skeletons;
    private final double[] hourlyCumulative;

    /** Where a post sits in its conversation; the text comes later. */
    private static final class Skeleton {
        long time;
        int author;
        int brand = -1;
        int brandAccount = -1;
        boolean mentionsBrand;
        int parent = -1;
        int root;
        boolean burst;
        int index;
    }

    public PostGenerator(GeneratorSettings settings) {
        this.settings = settings;
        SplittableRandom random = new SplittableRandom(settings.seed());
        this.rules = new RuleSets(settings.brands(), random.split());
        this.english = Words.english(8_000, random.split());
        this.englishZipf = new Zipf(english.size(), 1.15);
        for (int i = 1; i < LANGS.length; i++) {
            List<String> words = Words.of(LANGS[i]);
            otherWords.add(words);
            otherZipf.add(new Zipf(words.size(), 0.9));
        }
        this.hashtags = hashtags(random.split());
        this.hashtagZipf = new Zipf(hashtags.size(), 1.1);
        int authorCount = Math.max(1_000, settings.posts() / 5);
        this.authors = new String[authorCount];
        this.authorLang = new byte[authorCount];
        SplittableRandom authorRandom = random.split();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < authorCount; i++) {
            String handle;
            do {
                handle = Words.handle(authorRandom);
            } while (!seen.add(handle));
            authors[i] = handle;
            authorLang[i] = (byte) pick(LANG_SHARE, authorRandom.nextDouble());
        }
        this.hourlyCumulative = cumulative(HOURLY);
        this.skeletons = shape(random.split());
    }

    /** The brands and rules of this world. */
    public RuleSets rules() {
        return rules;
    }

    public int size() {
        return skeletons.length;
    }

    @Override
    public Iterator<GeneratedPost> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < skeletons.length;
            }

            @Override
            public GeneratedPost next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return post(next++);
            }
        };
    }

    /** The post at this position (posts are in {@code created_at} order). */
    public GeneratedPost post(int i) {
        return write(i, new SplittableRandom(settings.seed() * 1_000_003L + i));
    }

    /** The id of the post at this position. */
    public static String id(int position) {
        return Long.toString(1_000_000_000L + position);
    }

    private Skeleton[] shape(SplittableRandom random) {
        long end = settings.end().toEpochMilli();
        long start = end - settings.days() * 86_400_000L;
        int burstCount = Math.max(1, settings.days() / 4);
        long[] burstStart = new long[burstCount];
        long[] burstLength = new long[burstCount];
        int[] burstBrand = new int[burstCount];
        Zipf brandZipf = new Zipf(settings.brands(), 1.0);
        for (int b = 0; b < burstCount; b++) {
            burstStart[b] = seasonal(random, start);
            burstLength[b] = (1 + random.nextInt(3)) * 3_600_000L;
            burstBrand[b] = random.nextInt(20);
        }
        Zipf authorZipf = new Zipf(authors.length, 1.1);
        List<Skeleton> all = new ArrayList<>(settings.posts() + 100);
        while (all.size() < settings.posts()) {
            boolean burst = random.nextDouble() < 0.05;
            int burstIndex = random.nextInt(burstCount);
            int brand = burst ? burstBrand[burstIndex]
                    : random.nextDouble() < settings.brandShare() ? brandZipf.next(random) : -1;
            long time = burst ? burstStart[burstIndex] + (long) (random.nextDouble() * burstLength[burstIndex])
                    : seasonal(random, start);
            int size = burst ? 1 + random.nextInt(2) : conversationSize(random);
            int first = all.size();
            int rootAuthor = authorZipf.next(random);
            for (int i = 0; i < size && all.size() < settings.posts() && time < end; i++) {
                Skeleton s = new Skeleton();
                s.time = time;
                s.burst = burst;
                s.brand = brand;
                s.root = first;
                if (i == 0) {
                    s.author = rootAuthor;
                    s.mentionsBrand = brand >= 0;
                } else {
                    s.parent = random.nextDouble() < 0.75 ? all.size() - 1 : first + random.nextInt(all.size() - first);
                    Skeleton parent = all.get(s.parent);
                    if (brand >= 0 && parent.brandAccount < 0 && random.nextDouble() < 0.4) {
                        s.brandAccount = brand;
                        s.author = parent.author;
                    } else {
                        s.author = random.nextDouble() < 0.5 ? rootAuthor : authorZipf.next(random);
                        s.mentionsBrand = brand >= 0 && random.nextDouble() < 0.2;
                    }
                }
                all.add(s);
                double meanGap = burst ? 180_000 : 900_000;
                time += MIN_GAP_MS + (long) (-Math.log(1 - random.nextDouble()) * meanGap);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            all.get(i).index = i;
        }
        Skeleton[] sorted = all.toArray(new Skeleton[0]);
        Arrays.sort(sorted, Comparator.comparingLong((Skeleton s) -> s.time).thenComparingInt(s -> s.index));
        int[] position = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            position[sorted[i].index] = i;
        }
        for (Skeleton s : sorted) {
            s.parent = s.parent < 0 ? -1 : position[s.parent];
            s.root = position[s.root];
        }
        return sorted;
    }

    /** Most conversations are 1-3 posts; a Pareto tail reaches 50 and more. */
    private static int conversationSize(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < 0.6) {
            return 1;
        }
        if (u < 0.8) {
            return 2;
        }
        if (u < 0.9) {
            return 3;
        }
        int tail = (int) (2 * (Math.pow(1 - random.nextDouble(), -1 / 1.5) - 1));
        return Math.min(80, 4 + tail);
    }

    private long seasonal(SplittableRandom random, long start) {
        long day = random.nextInt(settings.days());
        int hour = pick(hourlyCumulative, random.nextDouble());
        return start + day * 86_400_000L + hour * 3_600_000L + (long) (random.nextDouble() * 3_600_000L);
    }

    private GeneratedPost write(int position, SplittableRandom random) {
        Skeleton s = skeletons[position];
        Text text = new Text();
        int lang = s.brandAccount >= 0 ? 0 : authorLang[s.author];
        Brand brand = s.brand >= 0 ? rules.brands().get(s.brand) : null;
        String handle = s.brandAccount >= 0 ? brand.handle() : authors[s.author];
        if (s.parent >= 0) {
            Skeleton parent = skeletons[s.parent];
            text.mention(parent.brandAccount >= 0 ? rules.brands().get(parent.brandAccount).handle()
                    : authors[parent.author]);
        }
        if (s.brandAccount >= 0) {
            BRAND_REPLY.forEach(text::word);
        }
        int words = 4 + random.nextInt(s.brandAccount >= 0 ? 6 : 22);
        int plantAt = s.mentionsBrand ? random.nextInt(words + 1) : -1;
        for (int w = 0; w <= words; w++) {
            if (w == plantAt) {
                plant(text, brand, lang, s.burst, random);
            }
            if (w < words) {
                text.word(word(lang, random));
                if (random.nextDouble() < 0.04) {
                    text.punctuate(",");
                }
            }
        }
        if (random.nextDouble() < 0.12) {
            text.hashtag(hashtags.get(hashtagZipf.next(random)));
        }
        if (random.nextDouble() < 0.05) {
            text.opaque(EMOJI[random.nextInt(EMOJI.length)]);
        }
        if (random.nextDouble() < 0.06) {
            text.opaque("https://t.co/" + Long.toString(random.nextLong() & 0xffffffffL, 36));
        }
        text.end(random.nextDouble() < 0.7 ? "." : random.nextBoolean() ? "!" : "?");
        String id = id(position);
        String key = id(s.root);
        String json = envelope(id, handle, text.toString(), Instant.ofEpochMilli(s.time),
                s.parent >= 0 ? id(s.parent) : null, LANGS[lang], random.nextInt(5_000));
        return new GeneratedPost(id, key, Instant.ofEpochMilli(s.time), json, matches(text.tokens()));
    }

    /** A brand term: its name (sometimes as the phrase, a complaint or a job ad), its handle or its hashtag. */
    private void plant(Text text, Brand brand, int lang, boolean burst, SplittableRandom random) {
        double form = random.nextDouble();
        if (form < 0.55) {
            text.word(random.nextDouble() < 0.2 ? brand.display() : brand.name());
            if (random.nextDouble() < 0.15) {
                text.word(ListeningRule.PHRASE_TAIL);
            }
            if (lang == 0 && random.nextDouble() < 0.35) {
                text.word(List.copyOf(ListeningRule.COMPLAINTS).get(random.nextInt(ListeningRule.COMPLAINTS.size())));
            }
            if (random.nextDouble() < 0.05) {
                text.word(ListeningRule.EXCLUDED);
            }
        } else if (form < 0.8) {
            text.mention(brand.handle());
        } else if (form < 0.92 || burst) {
            text.hashtag(brand.failTag());
        } else {
            text.hashtag(brand.name());
        }
    }

    private long[] matches(PostTokens tokens) {
        Set<Brand> present = new HashSet<>();
        for (String word : tokens.words()) {
            Brand brand = rules.brandOf(word);
            if (brand != null) {
                present.add(brand);
            }
        }
        if (present.isEmpty()) {
            return new long[0];
        }
        TreeSet<Long> ids = new TreeSet<>();
        for (Brand brand : present) {
            for (ListeningRule.Kind kind : ListeningRule.Kind.values()) {
                ListeningRule rule = ListeningRule.of(brand.index() * 6L + kind.ordinal() + 1, brand, kind);
                if (rule.matches(tokens)) {
                    ids.add(rule.id());
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private String word(int lang, SplittableRandom random) {
        if (lang == 0 || random.nextDouble() < 0.1) {
            return english.get(englishZipf.next(random));
        }
        return otherWords.get(lang - 1).get(otherZipf.get(lang - 1).next(random));
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static String envelope(String id, String handle, String text, Instant created, String inReplyTo,
            String lang, int followers) {
        StringWriter out = new StringWriter(text.length() + 200);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("platform", "x");
            json.writeObjectFieldStart("author");
            json.writeStringField("handle", handle);
            json.writeNumberField("followers", followers);
            json.writeEndObject();
            json.writeStringField("text", text);
            json.writeStringField("created_at", created.toString());
            if (inReplyTo != null) {
                json.writeStringField("in_reply_to", inReplyTo);
            }
            json.writeStringField("lang", lang);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private List<String> hashtags(SplittableRandom random) {
        List<String> tags = new ArrayList<>(List.of("help", "customerservice", "fail", "monday", "love", "tech",
                "travel", "food", "deal", "sale", "outage", "support", "news", "weekend", "gaming", "music"));
        while (tags.size() < 400) {
            String tag = english.get(50 + random.nextInt(english.size() - 50)) + (random.nextBoolean() ? "life" : "");
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    /** The index of the first cumulative share above {@code u}. */
    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** The text of a post as it is built, with the tokens matching will see. */
    private static final class Text {
        private final StringBuilder text = new StringBuilder();
        private final List<String> words = new ArrayList<>();
        private final Set<String> hashtags = new HashSet<>();
        private final Set<String> mentions = new HashSet<>();
        private boolean lastIsWord;

        void word(String word) {
            append(text.length() == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            words.add(Words.fold(word));
            lastIsWord = true;
        }

        void mention(String handle) {
            append("@" + handle);
            words.add(Words.fold(handle));
            mentions.add(handle.toLowerCase());
            lastIsWord = false;
        }

        void hashtag(String tag) {
            append("#" + tag);
            words.add(Words.fold(tag));
            hashtags.add(tag.toLowerCase());
            lastIsWord = false;
        }

        void opaque(String token) {
            append(token);
            words.add(token);
            lastIsWord = false;
        }

        void punctuate(String mark) {
            if (lastIsWord) {
                text.append(mark);
            }
        }

        void end(String mark) {
            punctuate(mark);
        }

        private void append(String piece) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(piece);
        }

        PostTokens tokens() {
            return new PostTokens(words, hashtags, mentions);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
