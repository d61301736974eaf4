package io.earshot.account;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.earshot.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code /admin/users}: the page where admins add users, change roles, reset passwords and delete
 * users. Every form is an htmx request answered with the fragment it replaces; a refused change
 * comes back as that same fragment with the reason inline.
 */
@Path("/admin/users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class UsersPage {

    /** The add-a-user form: what was typed (never the password), and how it went. */
    public record CreateForm(String username, String role, String error, String notice) {

        static CreateForm blank(String notice) {
            return new CreateForm("", Roles.AGENT, null, notice);
        }
    }

    /** One user's row, with the outcome of the last change made in it. */
    public record UserRow(UserView user, boolean self, String error, String notice) {
    }

    private static final String HX_RETARGET = "HX-Retarget";

    /** The roles in the order the role pickers offer them. */
    static final List<String> ROLES = List.of(Roles.AGENT, Roles.ANALYST, Roles.ADMIN);

    @CheckedTemplate(basePath = "account")
    static class Templates {
        static native TemplateInstance users(List<UserRow> rows, CreateForm form, List<String> roles);

        static native TemplateInstance users$create(CreateForm form, List<String> roles);

        static native TemplateInstance users$manage(List<UserRow> rows, CreateForm form, List<String> roles);

        static native TemplateInstance users$row(UserRow row, List<String> roles);
    }

    @Inject
    UserService users;

    @Inject
    SecurityIdentity caller;

    @GET
    public TemplateInstance page() {
        return Templates.users(rows(), CreateForm.blank(null), ROLES);
    }

    /**
     * Adds a user. A refusal answers the form with the reason; success answers the whole user list
     * with a fresh form, retargeted from the form to the list.
     */
    @POST
    public Response create(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("role") String role) {
        try {
            User user = users.create(username, password, role);
            return Response.ok(Templates.users$manage(rows(), CreateForm.blank("Added " + user.username + "."), ROLES))
                    .header(HX_RETARGET, "#manage").build();
        } catch (ApiException e) {
            return Response.ok(Templates.users$create(new CreateForm(username, role, e.getMessage(), null), ROLES))
                    .build();
        }
    }

    /** Changes a user's role or resets their password; answers the user's row. */
    @PATCH
    @Path("{username}")
    public TemplateInstance update(@PathParam("username") String username, @FormParam("role") String role,
            @FormParam("password") String password) {
        try {
            User user = users.update(username, role, password);
            String notice = password != null ? "Password reset; their sessions have ended." : "Role changed.";
            return row(UserView.of(user), null, notice);
        } catch (ApiException e) {
            return row(UserView.of(users.get(username)), e.getMessage(), null);
        }
    }

    /**
     * Deletes a user; answers an empty body, so the row disappears, or the row with the reason it stays
     * (200 either way: htmx swaps nothing on a 204).
     */
    @DELETE
    @Path("{username}")
    public String delete(@PathParam("username") String username) {
        try {
            users.delete(caller.getPrincipal().getName(), username);
            return "";
        } catch (ApiException e) {
            return row(UserView.of(users.get(username)), e.getMessage(), null).render();
        }
    }

    /** The day a user was created, as the table shows it: {@code {row.user.createdOn}}. */
    @TemplateExtension
    static LocalDate createdOn(UserView user) {
        return LocalDate.ofInstant(user.createdAt(), ZoneOffset.UTC);
    }

    private TemplateInstance row(UserView user, String error, String notice) {
        return Templates.users$row(new UserRow(user, isSelf(user), error, notice), ROLES);
    }

    private List<UserRow> rows() {
        return users.list().stream().map(UserView::of).map(u -> new UserRow(u, isSelf(u), null, null)).toList();
    }

    private boolean isSelf(UserView user) {
        return user.username().equals(caller.getPrincipal().getName());
    }
}
