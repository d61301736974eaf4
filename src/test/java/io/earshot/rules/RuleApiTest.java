package io.earshot.rules;

import static io.earshot.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RuleApiTest {

    @Test
    void creatingARuleAnswers201WithTheRuleAndItsLocation() {
        admin().contentType(ContentType.JSON).body("{\"name\":\"Acme mentions\",\"query\":\"acme OR @AcmeSupport\"}")
                .post("/api/rules")
                .then().statusCode(201)
                .header("Location", containsString("/api/rules/"))
                .body("id", notNullValue())
                .body("name", equalTo("Acme mentions"))
                .body("query", equalTo("acme OR @AcmeSupport"))
                .body("enabled", equalTo(true));
    }

    @Test
    void anInvalidQueryIsRefusedWithWhatAndWhere() {
        admin().contentType(ContentType.JSON).body("{\"name\":\"broken\",\"query\":\"acme AND (widget\"}")
                .post("/api/rules")
                .then().statusCode(400)
                .body("error", equalTo("invalid query"))
                .body("detail", notNullValue())
                .body("position", notNullValue());
    }

    @Test
    void leadingWildcardsAndRegexesAreRefused() {
        for (String query : new String[] { "*cme", "/ac.*me/", "nosuchfield:acme", "" }) {
            admin().contentType(ContentType.JSON).body("{\"name\":\"x\",\"query\":\"" + query + "\"}")
                    .post("/api/rules").then().statusCode(400);
        }
    }

    @Test
    void aRuleCanBeReadEditedDisabledAndDeleted() {
        long id = admin().contentType(ContentType.JSON).body("{\"name\":\"Widgets\",\"query\":\"widget*\"}")
                .post("/api/rules").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().get("/api/rules/" + id).then().statusCode(200).body("query", equalTo("widget*"));
        admin().contentType(ContentType.JSON).body("{\"name\":\"Widgets v2\",\"query\":\"\\\"blue widget\\\"~2\",\"enabled\":false}")
                .put("/api/rules/" + id).then().statusCode(200)
                .body("name", equalTo("Widgets v2")).body("enabled", equalTo(false));
        admin().get("/api/rules").then().statusCode(200).body("id", hasItem((int) id));
        admin().delete("/api/rules/" + id).then().statusCode(204);
        admin().get("/api/rules/" + id).then().statusCode(404).body("error", equalTo("not found"));
        admin().get("/api/rules").then().statusCode(200).body("id", not(hasItem((int) id)));
    }

    @Test
    void theApiNeedsAUser() {
        given().get("/api/rules").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").get("/api/rules").then().statusCode(401);
    }
}
