package io.earshot.conversation;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.interactions.Actions;

import io.earshot.account.Roles;
import io.earshot.account.User;
import io.earshot.testing.Browser;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.KafkaBrokerResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The inbox in a real headless Chromium, with a real Kafka broker behind the replies: an agent works a
 * conversation from the keyboard and answers it with a canned reply, a teammate's queue changes live,
 * and strangers' markup stays text.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class InboxBrowserTest {

    private static final String PASSWORD = "browser-test-password";
    private static final String ANA = "ana-agent";
    private static final String BEN = "ben-agent";

    @BeforeAll
    static void teammates() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String name : List.of(ANA, BEN)) {
                if (User.findByUsername(name).isEmpty()) {
                    User.add(name, PASSWORD, Roles.AGENT);
                }
            }
        });
    }

    @Test
    void anAgentTriagesAndRepliesFromTheKeyboardWhileATeammateSeesItLive() {
        String word = uniqueWord();
        long rule = rule("browser " + word, word);
        String root = uniqueId();
        ndjson(post(root, "jane_doe", "my " + word + " broke and I want a refund"));
        long conversation = conversationOf(root);
        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"Sorry " + word + "\",\"text\":\"Hi @{author}, {agent} here: sorry about that!\"}")
                .post("/api/canned-replies").then().statusCode(201);
        String row = "tr[data-id='" + conversation + "']";
        // Other tests share the database: the rule's view holds just this conversation.
        String queue = "/inbox?view=all&rule=" + rule;

        try (Browser ana = new Browser(); Browser ben = new Browser()) {
            ben.logIn(BEN, PASSWORD).open(queue);
            ben.find(row);
            ana.logIn(ANA, PASSWORD).open(queue);
            ana.find(row);
            assertTrue(ana.find(row).getAttribute("class").contains("unread"), "a conversation not yet opened is unread");
            assertTrue(ana.find(row + " .chips").getText().contains("browser " + word), "the rule chip says why it is here");
            ana.screenshot("inbox");

            Actions keys = new Actions(ana.driver());
            for (int i = 0; i < 60 && !ana.find(row).getAttribute("class").contains("selected"); i++) {
                keys.sendKeys("j").perform();
            }
            assertTrue(ana.find(row).getAttribute("class").contains("selected"), "j walks the queue down to the row");
            keys.sendKeys("o").perform();
            ana.waitUntil(d -> d.getCurrentUrl().endsWith("/conversations/" + conversation));

            ana.find("#assign-me");
            new Actions(ana.driver()).sendKeys("a").perform();
            ana.waitUntil(d -> ANA.equals(d.findElement(By.id("assignee")).getText()));

            ana.find("#tag-input").sendKeys("vip" + Keys.ENTER);
            ana.waitUntil(d -> d.findElement(By.id("tags")).getText().contains("vip"));
            ben.waitUntil(d -> d.findElement(By.cssSelector(row)).getText().contains("vip"));
            ben.waitUntil(d -> d.findElement(By.cssSelector(row)).getText().contains(ANA));

            ana.find("#reply-text");
            ana.script("document.activeElement.blur()");
            new Actions(ana.driver()).sendKeys("r").perform();
            ana.waitUntil(d -> "reply-text".equals(d.switchTo().activeElement().getAttribute("id")));
            new Actions(ana.driver()).sendKeys("/").perform();
            ana.find("#canned-menu button[data-text]");
            ana.waitUntil(d -> d.findElements(By.cssSelector("#canned-menu button[data-text]")).stream()
                    .filter(b -> b.getText().contains("Sorry " + word)).findFirst().orElse(null)).click();
            String inserted = ana.find("#reply-text").getAttribute("value");
            assertTrue(inserted.startsWith("Hi @jane_doe, " + ANA + " here: sorry about that!"),
                    "the canned reply replaced the slash with its placeholders filled: " + inserted);
            ana.find("#reply-text").sendKeys(" Ref " + word);
            ana.waitUntil(d -> d.findElement(By.id("counter")).getText()
                    .equals((inserted.length() + " Ref ".length() + word.length()) + "/280"));

            ana.find("#send-reply").click();
            ana.waitUntil(d -> d.findElements(By.cssSelector("#entries li.outbound")).stream()
                    .anyMatch(li -> li.getText().contains("Ref " + word)));
            ana.screenshot("conversation");

            List<String> published = repliesContaining("Ref " + word, Duration.ofSeconds(30));
            assertEquals(1, published.size(), "the reply is on earshot.replies exactly once: " + published);
            assertTrue(published.get(0).contains("\"in_reply_to\":\"" + root + "\""), published.get(0));
        }
    }

    @Test
    void aPostFullOfPayloadsRendersAsInertText() {
        String word = uniqueWord();
        long rule = rule("xss " + word, word);
        String id = uniqueId();
        String payload = word + " <script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
                + " <a href='javascript:window.pwned=3'>click</a> <svg onload=window.pwned=4>";
        ndjson("{\"id\":\"" + id + "\",\"platform\":\"x\",\"author\":{\"handle\":\"mallory\",\"name\":\"<img src=x onerror=window.pwned=5>\"},"
                + "\"text\":\"" + payload.replace("\"", "\\\"") + "\",\"created_at\":\"2026-11-01T10:00:00Z\"}");
        long conversation = conversationOf(id);
        try (Browser browser = new Browser()) {
            browser.logIn("admin", io.earshot.testing.Api.ADMIN_PASSWORD);
            for (String page : List.of("/inbox?view=all&rule=" + rule, "/conversations/" + conversation)) {
                browser.open(page);
                browser.find("main");
                assertTrue(browser.driver().findElement(By.tagName("main")).getText().contains("<script>window.pwned=1</script>"),
                        page + " shows the markup as text");
                assertEquals(0L, browser.script("return document.querySelectorAll('main script, main img, main svg,"
                        + " main a[href^=javascript]').length"), page + " has no element made from the post");
                assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"), page);
                assertFalse(alertShown(browser), page);
            }
        }
    }

    private static boolean alertShown(Browser browser) {
        try {
            browser.driver().switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Every committed record on earshot.replies whose value contains {@code text}, read until the deadline. */
    private static List<String> repliesContaining(String text, Duration patience) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "browser-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("earshot.replies"));
            long deadline = System.nanoTime() + patience.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains(text)) {
                        found.add(value);
                        // Keep reading a little after the first copy, so a duplicate would be seen.
                        quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    }
                }
            }
        }
        return found;
    }
}
