package io.earshot.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How pages show times: a short age in lists ("5m", "3h", "2d"), a readable UTC stamp elsewhere. */
@TemplateExtension
public final class TimeFormats {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeFormats() {
    }

    static String age(Instant at) {
        long seconds = Math.max(0, Duration.between(at, Instant.now()).getSeconds());
        if (seconds < 60) {
            return "now";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h";
        }
        if (seconds < 86_400L * 365) {
            return seconds / 86_400 + "d";
        }
        return seconds / (86_400L * 365) + "y";
    }

    static String stamp(Instant at) {
        return STAMP.format(at);
    }
}
