package io.earshot.account;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The log-in page and log-out. The form posts to Quarkus's form authentication
 * ({@code /j_security_check}), which checks the password and sets the encrypted session cookie.
 */
@Path("/")
@PermitAll
public class LoginPage {

    @CheckedTemplate(basePath = "account")
    static class Templates {
        static native TemplateInstance login(boolean error);
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@QueryParam("error") boolean error) {
        return Templates.login(error);
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/inbox")).build();
    }

    /** Ends the session: the cookies are the session, so expiring them is the whole log-out. */
    @POST
    @Path("logout")
    public Response logout() {
        return Response.noContent().cookie(expired(SessionIdentityProvider.SESSION_COOKIE),
                expired(SessionIdentityProvider.STAMP_COOKIE)).header("HX-Redirect", "/login").build();
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).build();
    }
}
