package io.earshot.account;

import static io.earshot.account.Accounts.basic;
import static io.earshot.account.Accounts.user;
import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Guessing at many user names from one address gets the address locked out. Runs in its own
 * application (a low address limit), because every test request comes from 127.0.0.1.
 */
@QuarkusTest
@TestProfile(AddressThrottlingTest.LowAddressLimit.class)
class AddressThrottlingTest {

    /** Three failures from one address lock it out. */
    public static class LowAddressLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("earshot.login.max-failures-per-address", "3");
        }
    }

    @Test
    void threeWrongPasswordsForThreeNamesLockTheAddressOutForEveryName() {
        String untouched = user(Roles.AGENT);
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic(user(Roles.AGENT), "wrong-password").get("/api/rules").then()
                    .statusCode(401);
        }
        basic(untouched).get("/api/rules").then().statusCode(401);
    }
}
