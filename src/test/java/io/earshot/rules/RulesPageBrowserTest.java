package io.earshot.rules;

import static io.earshot.testing.Api.ADMIN_PASSWORD;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.earshot.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;

/** The rule workbench in a real headless Chromium: an invalid rule, a dry run, then saving it. */
@QuarkusTest
class RulesPageBrowserTest {

    @Test
    void anAdminDryRunsARuleBeforeSavingIt() {
        String word = uniqueWord();
        // Only posts some rule caught are stored: an existing rule brings them in (and shows as the overlap).
        rule("Seed " + word, word);
        ndjson(post(uniqueId(), "wb_one", "where is my " + word + " order"),
                post(uniqueId(), "wb_two", word + " arrived broken"));

        try (Browser browser = new Browser()) {
            browser.logIn("admin", ADMIN_PASSWORD).open("/rules");
            browser.find("#rule-editor input[name=name]").sendKeys("Workbench " + word);
            browser.find("#rule-editor textarea[name=query]").sendKeys(word + " AND (order");
            browser.find("#dry-run").click();
            WebElement problem = browser.find("#rule-editor .problem");
            assertTrue(problem.getText().contains("Encountered"), problem.getText());
            assertTrue(browser.find("#rule-editor .problem pre mark").isDisplayed());

            WebElement query = browser.find("#rule-editor textarea[name=query]");
            query.clear();
            query.sendKeys(word);
            browser.script("document.querySelector('#rule-editor input[name=from]').value = '2025-12-01'");
            browser.find("#dry-run").click();
            assertEquals("2", browser.find("#dry-run-result .total").getText(), browser.find("#dry-run-result").getText());
            browser.waitUntil(d -> d.findElements(By.cssSelector("#dry-run-result .samples li.sample")).size() == 2);
            assertEquals(word, browser.find("#dry-run-result .samples mark").getText());
            assertEquals("Seed " + word + ": 2", browser.find("#dry-run-result .overlap").getText());
            assertTrue(browser.find("#dry-run-result svg.per-day rect").isEnabled());
            browser.screenshot("rules");

            browser.find("#save-rule").click();
            browser.waitUntil(d -> d.findElements(By.cssSelector("#rules td.name")).stream()
                    .anyMatch(td -> td.getText().equals("Workbench " + word)));
            assertEquals("", browser.find("#rule-editor textarea[name=query]").getAttribute("value"));
        }
    }
}
