package io.earshot.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @Test
    void readsEveryUtcInstantAsTheLibraryDoesWithAnyNumberOfFractionDigits() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Years 0001-9999: every four-digit year the ISO form has.
            Instant instant = Instant.ofEpochSecond(-62_135_596_800L + (long) (random.nextDouble() * 315_537_897_599L),
                    random.nextInt(1_000_000_000));
            String seconds = instant.toString().substring(0, 19);
            String nanos = String.format("%09d", instant.getNano());
            int digits = random.nextInt(10);
            texts.add(seconds + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + "Z");
        }
        for (String text : texts) {
            assertEquals(library(text), IsoInstant.parse(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-25T09:14:03Z", "2026-11-25T09:14:03.250Z" })
    void agreesWithTheLibraryWhateverCharacterReplacesAnyOneOfAValidText(String valid) {
        for (int i = 0; i < valid.length(); i++) {
            for (char c : "0159-:T.Z+ xt\u0663".toCharArray()) {
                String text = valid.substring(0, i) + c + valid.substring(i + 1);
                Instant expected;
                try {
                    expected = library(text);
                } catch (DateTimeParseException e) {
                    assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text), text);
                    continue;
                }
                assertEquals(expected, IsoInstant.parse(text), text);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
            "2026-11-25T09:14:03.1Z", "2026-11-25T09:14:03.123456789Z", "2026-11-25t09:14:03z",
            "2026-11-25T10:14:03+01:00", "2026-11-25T09:14:03-00:00", "2026-11-25T09:14Z", "0001-01-01T00:00:00Z",
            "2026-11-25T09:14:03.Z", "-2026-11-25T09:14:03Z", "+12026-11-25T09:14:03Z" })
    void agreesWithTheLibraryOnEveryFormItAccepts(String text) {
        assertEquals(library(text), IsoInstant.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2023-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T23:60:00Z",
            "2026-11-25T23:59:60Z", "2026-11-25T09:14:03.1234567890Z",
            "2026-11-25T09:14:03,5Z", "2026-11-25 09:14:03Z", "2026/11/25T09:14:03Z", "2026-11-2xT09:14:03Z",
            "2026-11-25T09:14:0٣Z", "2026-11-25T09:14:03", "2026-11-25T09:14:03ZZ",
            "20261-11-25T09:14:03Z", "2026-11-25T09:14:03.12a4Z", "" })
    void refusesWhatTheLibraryRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> library(text), text);
        assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text), text);
    }

    private static Instant library(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
