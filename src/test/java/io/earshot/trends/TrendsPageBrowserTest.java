package io.earshot.trends;

import static io.earshot.testing.Api.ADMIN_PASSWORD;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.earshot.testing.Browser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The trends page in a real headless Chromium: the chart drawn, a top table filled, the state in the URL. */
@QuarkusTest
class TrendsPageBrowserTest {

    @Test
    void anAnalystChartsARuleSwitchesTheIntervalAndOpensABucketsPosts() {
        String word = uniqueWord();
        long id = rule("browser trend " + word, word);
        String author = "fan_" + word.substring(2, 8);
        ndjson(post(uniqueId(), author, "the " + word + " is great #love" + word),
                post(uniqueId(), author, "still " + word + " #love" + word),
                post(uniqueId(), "other_" + word.substring(2, 8), word + " again"));

        try (Browser browser = new Browser()) {
            browser.logIn("admin", ADMIN_PASSWORD)
                    .open("/trends?series=rule:" + id + "&interval=hour&range=custom&from=2025-12-31T00:00&to=2026-01-08T00:00");
            browser.waitUntil(d -> "true".equals(browser.find("#trend-chart").getAttribute("data-drawn")));
            assertTrue(browser.find("#trend-chart canvas").getSize().getWidth() > 300, "uPlot drew its canvas");
            assertTrue(browser.find("#trend-chart .u-legend").getText().contains("browser trend " + word));
            assertEquals("3 posts in 1 series", browser.find("#trend-status").getText());
            // The browser's zone joins the URL, so the bookmark keeps the same buckets.
            browser.waitUntil(d -> d.getCurrentUrl().contains("&tz="));
            browser.waitUntil(d -> d.findElement(By.cssSelector("table.top[data-field=author] tbody")).getText()
                    .startsWith(author + " 2 0 new"));
            assertTrue(browser.find("table.top[data-field=hashtag] tbody").getText().startsWith("love" + word + " 2"));
            assertTrue(browser.find("#csv").getAttribute("href").contains("/api/trends.csv?series=rule%3A" + id));

            new Select(browser.find("#interval")).selectByVisibleText("day");
            browser.waitUntil(d -> d.getCurrentUrl().contains("interval=day"));
            browser.waitUntil(d -> "true".equals(d.findElement(By.id("trend-chart")).getAttribute("data-drawn")));
            assertEquals("day", new Select(browser.find("#interval")).getFirstSelectedOption().getText());
            browser.screenshot("trends");

            browser.find("#trend-chart .u-over").click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/search?q=created"));
            assertTrue(browser.driver().getCurrentUrl().endsWith("&rule=" + id), browser.driver().getCurrentUrl());
        }
    }

    @Test
    void aSpikeAlertIsMarkedOnTheTimelineAndLinksItsIncidentViewAndShareOfVoiceStacksTheSeries() {
        String word = uniqueWord();
        long id = rule("spiking " + word, word);
        ndjson(post(uniqueId(), "spike_" + word.substring(2, 8), word + " down again #out" + word));
        QuarkusTransaction.requiringNew().run(() -> {
            TrendAlert alert = new TrendAlert();
            alert.ruleId = id;
            alert.bucketStart = Instant.parse("2026-01-01T00:00:00Z");
            alert.count = 40;
            alert.baseline = 5.0;
            alert.score = 35.0;
            alert.createdAt = Instant.now();
            alert.persist();
        });

        try (Browser browser = new Browser()) {
            browser.logIn("admin", ADMIN_PASSWORD).open("/trends?series=rule:" + id + "&hashtag=out" + word
                    + "&interval=day&range=custom&from=2025-12-31T00:00&to=2026-01-08T00:00&tz=UTC&share=1");
            browser.waitUntil(d -> "true".equals(browser.find("#trend-chart").getAttribute("data-drawn")));
            assertTrue(browser.find("#trend-chart .u-legend").getText().contains("#out" + word));
            WebElement marker = browser.find("#trend-chart a.alert-marker");
            assertTrue(marker.getAttribute("href").endsWith("/inbox?view=all&rule=" + id
                    + "&from=2026-01-01T00%3A00%3A00Z&to=2026-01-01T01%3A00%3A00Z&group=similar"),
                    marker.getAttribute("href"));
            assertTrue(browser.find("#alerts li").getText().startsWith("spiking " + word + " 40 posts"));
            browser.find("#alerts li a:last-child").click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/search?q=created"));
            assertTrue(browser.driver().getCurrentUrl().contains("2026-01-01T00%3A00%3A00.000Z"));
        }
    }
}
