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

    static final String SESSION_COOKIE = "quarkus-credential";

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

    /** Ends the session: the cookie is the session, so expiring it is the whole log-out. */
    @POST
    @Path("logout")
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(SESSION_COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .build();
        return Response.noContent().cookie(expired).header("HX-Redirect", "/login").build();
    }
}
