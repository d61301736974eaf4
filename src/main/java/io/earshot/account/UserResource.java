package io.earshot.account;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.earshot.web.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/users}: user accounts over HTTP, for admins only. */
@Path("/api/users")
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    /** What a client sends to create a user. */
    public record NewUser(String username, String password, String role) {
    }

    /** What a client sends to change a user: a new role, a new password, or both. */
    public record UserChange(String role, String password) {
    }

    @Inject
    UserService users;

    @Inject
    SecurityIdentity caller;

    @GET
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("{username}")
    public UserView get(@PathParam("username") String username) {
        return UserView.of(users.get(username));
    }

    @POST
    public Response create(NewUser request) {
        if (request == null) {
            throw noBody("username, password and role");
        }
        User user = users.create(request.username(), request.password(), request.role());
        return Response.created(URI.create("/api/users/" + user.username)).entity(UserView.of(user)).build();
    }

    @PATCH
    @Path("{username}")
    public UserView update(@PathParam("username") String username, UserChange request) {
        if (request == null) {
            throw noBody("role and/or password");
        }
        return UserView.of(users.update(username, request.role(), request.password()));
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        users.delete(caller.getPrincipal().getName(), username);
        return Response.noContent().build();
    }

    private static ApiException noBody(String fields) {
        return ApiException.badRequest("invalid user", "a JSON body with " + fields + " is required");
    }
}
