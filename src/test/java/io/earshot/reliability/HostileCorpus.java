package io.earshot.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile/}: one NDJSON file per family of
 * malformed or adversarial post envelopes, and raw twcs CSV files under {@code twcs/}.
 *
 * <p>Each NDJSON line is {@code {"case", "expect", "raw", "thread"?}}. {@code expect} is {@code refused}
 * (a dead letter with a reason), {@code stored} (kept in a conversation, text intact), {@code dropped}
 * (valid, but it matches no rule) or {@code either} (refused or stored; the input path decides). {@code raw}
 * is the record as it goes on the wire, with placeholders filled in per run so that runs do not collide:
 * <ul>
 * <li>{@code {{word}}}: the run's rule word; {@code {{id}}}, {@code {{id2}}}: fresh numeric ids per case;
 * {@code {{ref:name}}}: a numeric id shared by every case of the run (reply cycles);
 * <li>{@code {{now}}}, {@code {{future:P2D}}}: instants relative to now;
 * <li>{@code {{hex:ff00}}}: raw bytes, for what JSON text cannot hold (invalid UTF-8, NUL outside strings);
 * <li>{@code {{repeat:N:text}}} (with {@code %7B}/{@code %7D} for braces) and {@code {{keys:N}}}: large inputs
 * made at test time rather than committed, such as the 10 MB text.
 * </ul>
 */
final class HostileCorpus {

    static final List<String> FAMILIES = List.of("broken-json", "wrong-types", "sizes-and-nesting", "unicode",
            "control-characters", "timestamps", "ids", "threads", "invalid-utf8");
    static final List<String> TWCS_FILES = List.of("empty-file", "header-only", "missing-columns", "duplicate-columns",
            "unterminated-quote", "wrong-field-counts", "hostile-ids", "invalid-utf8", "nul-byte", "line-endings",
            "byte-order-mark", "hostile-dates", "hostile-inbound", "reply-cycles", "injection", "stray-quotes",
            "binary-garbage", "endless-quoted-field");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(word|id2?|now|ref:[a-z]+|future:[A-Z0-9]+|hex:[0-9a-f]+"
            + "|keys:\\d+|repeat:\\d+:.*?)}}");
    /** Numeric ids unique across runs in one JVM, so every run stores new posts. */
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1_000);

    enum Expect {
        REFUSED, STORED, DROPPED, EITHER
    }

    /** One hostile input. */
    record Case(String family, String name, Expect expect, String raw, String thread) {

        @Override
        public String toString() {
            return family + ": " + name;
        }
    }

    /** The values placeholders take in one run: one word and one set of shared ids. */
    static final class Run {
        final String word;
        final Instant now = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        private final Map<String, String> refs = new HashMap<>();

        Run(String word) {
            this.word = word;
        }

        /** The wire bytes of a case in this run. */
        byte[] render(Case c) {
            String id = nextId();
            String id2 = nextId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Matcher m = PLACEHOLDER.matcher(c.raw());
            int last = 0;
            while (m.find()) {
                write(out, c.raw().substring(last, m.start()));
                String p = m.group(1);
                if (p.startsWith("hex:")) {
                    out.writeBytes(HexFormat.of().parseHex(p.substring(4)));
                } else {
                    write(out, value(p, id, id2));
                }
                last = m.end();
            }
            write(out, c.raw().substring(last));
            return out.toByteArray();
        }

        /** A twcs file with its placeholders filled in; bytes outside them are kept exactly. */
        byte[] renderCsv(byte[] file) {
            // ISO-8859-1 maps every byte to one char and back, so invalid UTF-8 survives the substitution.
            String text = new String(file, StandardCharsets.ISO_8859_1);
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), nextId(), nextId())));
            }
            m.appendTail(out);
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private String value(String p, String id, String id2) {
            if (p.equals("word")) {
                return word;
            } else if (p.equals("id")) {
                return id;
            } else if (p.equals("id2")) {
                return id2;
            } else if (p.equals("now")) {
                return now.toString();
            } else if (p.startsWith("ref:")) {
                return refs.computeIfAbsent(p.substring(4), k -> nextId());
            } else if (p.startsWith("future:")) {
                return now.plus(Duration.parse(p.substring(7))).toString();
            } else if (p.startsWith("keys:")) {
                int n = Integer.parseInt(p.substring(5));
                StringBuilder keys = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    keys.append(",\"k").append(i).append("\":0");
                }
                return keys.toString();
            } else {
                String[] parts = p.split(":", 3);
                return parts[2].replace("%7B", "{").replace("%7D", "}").repeat(Integer.parseInt(parts[1]));
            }
        }
    }

    static String nextId() {
        return Long.toString(IDS.incrementAndGet());
    }

    /** Every case of every family, in file order. */
    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (String family : FAMILIES) {
            String text = new String(resource(family + ".ndjson"), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    all.add(new Case(family, node.get("case").asText(),
                            Expect.valueOf(node.get("expect").asText().toUpperCase(java.util.Locale.ROOT)),
                            node.get("raw").asText(), node.hasNonNull("thread") ? node.get("thread").asText() : null));
                } catch (IOException e) {
                    throw new UncheckedIOException("bad corpus line in " + family + ": " + line, e);
                }
            }
        }
        return all;
    }

    static byte[] twcsFile(String name) {
        return resource("twcs/" + name + ".csv");
    }

    private static byte[] resource(String name) {
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource hostile/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private HostileCorpus() {
    }
}
