package io.earshot.search;

import static io.earshot.testing.Api.ADMIN_PASSWORD;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.earshot.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;

/** The search page in a real headless Chromium: search, narrow by a facet, reload, go back, open a result. */
@QuarkusTest
class SearchPageBrowserTest {

    private static List<String> resultTexts(WebDriver driver) {
        return driver.findElements(By.cssSelector("#hits li.result .text")).stream().map(WebElement::getText).toList();
    }

    private static List<String> marked(WebDriver driver) {
        return driver.findElements(By.cssSelector("#hits li.result .text mark")).stream().map(WebElement::getText)
                .distinct().toList();
    }

    @Test
    void aSupportAgentSearchesNarrowsSharesAndOpensAConversation() {
        String word = uniqueWord();
        rule("browser search " + word, word);
        String root = uniqueId();
        ndjson(post(root, "jane_doe", "my " + word + " never arrived #late" + word),
                post(uniqueId(), "acme_fan", "same " + word + " problem here", root),
                post(uniqueId(), "john", word + " works fine <b>really</b>"));
        long rootConversation = conversationOf(root);

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            browser.logIn("admin", ADMIN_PASSWORD).open("/search");
            browser.find("#q").sendKeys(word + Keys.ENTER);

            // Two conversations: the thread of jane_doe and its reply shows once.
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/search?q=" + word) && resultTexts(d).size() == 2);
            assertEquals(List.of(word), marked(driver));
            assertTrue(resultTexts(driver).stream().anyMatch(t -> t.contains("<b>really</b>")), "post HTML shows as text");

            browser.find("ul[data-facet=hashtag] a").click();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/search?q=" + word + "&hashtag=late" + word)
                    && resultTexts(d).size() == 1);
            assertEquals("#late" + word + " ×", browser.find(".active-filters a.chip").getText());

            driver.navigate().refresh();
            browser.waitUntil(d -> resultTexts(d).size() == 1);
            assertEquals(word, browser.find("#q").getAttribute("value"));
            assertEquals("#late" + word + " ×", browser.find(".active-filters a.chip").getText());
            browser.screenshot("search");

            driver.navigate().back();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/search?q=" + word) && resultTexts(d).size() == 2);
            driver.navigate().forward();
            browser.waitUntil(d -> d.getCurrentUrl().contains("hashtag=") && resultTexts(d).size() == 1);

            // A new query keeps the active filters.
            WebElement box = browser.find("#q");
            box.clear();
            box.sendKeys(word + " OR refund" + Keys.ENTER);
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/search?q=" + word + "+OR+refund&hashtag=late" + word)
                    && resultTexts(d).size() == 1);

            browser.find("#hits li.result a.open").click();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/conversations/" + rootConversation));
        }
    }
}
