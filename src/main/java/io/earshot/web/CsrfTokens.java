package io.earshot.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

/**
 * Double-submit CSRF tokens: a random token lives in an HttpOnly, SameSite=Strict cookie and is
 * written into each page, from where htmx sends it back in the {@value #HEADER} header. A forged
 * cross-site request carries the cookie but cannot read the page, so it cannot send the header.
 */
@RequestScoped
public class CsrfTokens {

    public static final String COOKIE = "earshot-csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    HttpHeaders headers;

    private String issued;

    /** The token of this browser, issuing a new one (sent as a cookie with the response) if it has none. */
    public String forThisRequest() {
        String existing = fromCookie();
        if (existing != null) {
            return existing;
        }
        if (issued == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            issued = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return issued;
    }

    /** The cookie to set on the response when this request issued a token, else {@code null}. */
    NewCookie cookieToSet() {
        if (issued == null) {
            return null;
        }
        return new NewCookie.Builder(COOKIE).value(issued).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Whether the request sent back, in the header, the token its cookie holds. */
    boolean verify(String sent) {
        String expected = fromCookie();
        return expected != null && sent != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }

    private String fromCookie() {
        var cookie = headers.getCookies().get(COOKIE);
        String value = cookie == null ? null : cookie.getValue();
        return value == null || value.length() < 32 ? null : value;
    }
}
