package io.earshot.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.earshot.search.InvalidQueryException;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Maps exceptions to what the caller can read: an {@link ApiError} body for the JSON API and for
 * scripts, an error page for a browser on a page. A client sees what went wrong, never a Java class
 * name or a stack trace. A database that cannot be reached is a 503, not a 500: it is an outage to
 * wait out, not a bug.
 */
public class ApiExceptionMappers {

    @CheckedTemplate(basePath = "web")
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e, ContainerRequestContext request) {
        return respond(request, e.status(), e.toError());
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e, ContainerRequestContext request) {
        return respond(request, 400,
                new ApiError("invalid query", e.getMessage(), e.position() < 0 ? null : e.position()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            return e.getResponse();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(request, status, new ApiError(reason == null ? "error" : reason.toLowerCase(), e.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Exception e, ContainerRequestContext request) {
        if (e instanceof WebApplicationException wae) {
            return webApplication(wae, request);
        }
        if (databaseUnreachable(e)) {
            Log.warnf("The database cannot be reached (%s); answering 503", e.getMessage());
            return respond(request, 503, new ApiError("database unavailable",
                    "the database cannot be reached; nothing was changed, try again shortly"));
        }
        Log.errorf(e, "Unexpected error serving a request");
        return respond(request, 500,
                new ApiError("internal error", "the server could not complete the request; see its log"));
    }

    private static Response respond(ContainerRequestContext request, int status, ApiError error) {
        Response.ResponseBuilder response = Response.status(status);
        if (status == 503) {
            response.header("Retry-After", "10");
        }
        if (wantsPage(request)) {
            return response.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.error(status, error.error(), error.detail()).render()).build();
        }
        return response.type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    /** A browser navigating to a page (not the JSON API, not htmx asking for a fragment). */
    private static boolean wantsPage(ContainerRequestContext request) {
        if (request == null || request.getUriInfo().getPath().startsWith("/api/")) {
            return false;
        }
        String accept = request.getHeaderString("Accept");
        return accept != null && accept.contains("text/html") && request.getHeaderString("HX-Request") == null;
    }

    private static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            // SQLState class 08: connection exception (PostgreSQL, H2 and the SQL standard agree).
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
