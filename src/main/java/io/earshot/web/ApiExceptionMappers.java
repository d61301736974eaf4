package io.earshot.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.earshot.search.InvalidQueryException;
import io.quarkus.logging.Log;

/**
 * Maps exceptions to {@link ApiError} bodies: a client sees what it got wrong, never a Java class
 * name or a stack trace.
 */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return json(e.status(), e.toError());
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return json(400, new ApiError("invalid query", e.getMessage(), e.position() < 0 ? null : e.position()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            return e.getResponse();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return json(status, new ApiError(reason == null ? "error" : reason.toLowerCase(), e.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException wae) {
            return webApplication(wae);
        }
        Log.errorf(e, "Unexpected error serving a request");
        return json(500, new ApiError("internal error", "the server could not complete the request; see its log"));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
