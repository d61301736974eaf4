package io.earshot.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import io.earshot.testing.Api;
import io.earshot.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;

/** In a real Chromium: log in through the form, work the users page with htmx, log out. */
@QuarkusTest
class LogInBrowserTest {

    @Test
    void anAdminLogsInSeesTheirNameAddsAUserAndLogsOut() {
        String name = "b" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser()) {
            browser.logIn("admin", Api.ADMIN_PASSWORD);
            browser.open("/admin/users");
            assertEquals("admin admin", browser.find("header.top .who span").getText());
            assertEquals("Users", browser.find("header.top nav a[aria-current=page]").getText());

            browser.find("#create input[name=username]").sendKeys(name);
            browser.find("#create input[name=password]").sendKeys("browser-password");
            new Select(browser.find("#create select[name=role]")).selectByVisibleText(Roles.ANALYST);
            browser.find("#create button[type=submit]").click();
            browser.waitUntil(d -> !d.findElements(By.id("user-" + name)).isEmpty());
            assertEquals("Added " + name + ".", browser.find("#create .ok").getText());
            assertEquals("", browser.find("#create input[name=username]").getAttribute("value"));
            assertEquals(Roles.ANALYST,
                    new Select(browser.find("#user-" + name + " select[name=role]")).getFirstSelectedOption().getText());
            browser.screenshot("users");

            browser.find("header.top .who button").click();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login"));
            browser.open("/admin/users");
            browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
            assertTrue(browser.driver().findElements(By.cssSelector("header.top .who")).isEmpty(), "signed out");
        }
    }
}
