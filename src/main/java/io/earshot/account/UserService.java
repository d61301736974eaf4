package io.earshot.account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.earshot.web.ApiException;
import io.quarkus.logging.Log;

/**
 * Owns users: validates and stores them, and keeps at least one admin. Every change of a password or
 * role, and every deletion, fires {@link AccountChanged}: the user's sessions are re-checked against
 * the database on their next request, and remembered HTTP Basic log-ins are forgotten.
 */
@ApplicationScoped
public class UserService {

    /** Lower-case letters, digits, dot, dash and underscore, starting with a letter or digit. */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads only the first 72 bytes; a longer password would be cut without a word. */
    static final int MAX_PASSWORD_BYTES = 72;

    @Inject
    Event<AccountChanged> changes;

    public List<User> list() {
        return User.allByName();
    }

    public User get(String username) {
        return User.findByUsername(username).orElseThrow(() -> ApiException.notFound("no user " + username));
    }

    @Transactional
    public User create(String username, String password, String role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw invalid("username must be 2 to 40 lower-case letters, digits, '.', '-' or '_', starting with a"
                    + " letter or digit");
        }
        requireValidPassword(password);
        requireValidRole(role);
        if (User.findByUsername(username).isPresent()) {
            throw exists(username);
        }
        try {
            User user = User.add(username, password, role);
            User.flush();
            changes.fire(new AccountChanged(username));
            Log.infof("Created user '%s' (%s)", username, role);
            return user;
        } catch (PersistenceException e) {
            // Another request created the same name between the check and the insert.
            throw exists(username);
        }
    }

    /**
     * Changes a user's role and/or password; {@code null} leaves it as it is.
     *
     * @throws ApiException 409 when this would leave no admin
     */
    @Transactional
    public User update(String username, String role, String password) {
        if (role == null && password == null) {
            throw invalid("give a role, a password or both");
        }
        if (role != null) {
            requireValidRole(role);
        }
        if (password != null) {
            requireValidPassword(password);
        }
        User user = get(username);
        if (role != null && !role.equals(user.role)) {
            if (Roles.ADMIN.equals(user.role)) {
                requireAnotherAdmin(user, "the last admin cannot stop being an admin");
            }
            user.role = role;
            Log.infof("User '%s' is now %s", username, role);
        }
        if (password != null) {
            user.changePassword(password);
            Log.infof("Password of user '%s' changed; their sessions have ended", username);
        }
        changes.fire(new AccountChanged(username));
        return user;
    }

    /**
     * Deletes a user; their sessions end at once.
     *
     * @param actor who asks: nobody deletes themselves
     */
    @Transactional
    public void delete(String actor, String username) {
        if (username.equals(actor)) {
            throw new ApiException(409, "conflict", "you cannot delete yourself");
        }
        User user = get(username);
        if (Roles.ADMIN.equals(user.role)) {
            requireAnotherAdmin(user, "the last admin cannot be deleted");
        }
        user.delete();
        changes.fire(new AccountChanged(username));
        Log.infof("Deleted user '%s'", username);
    }

    /** Locks every admin row, so two admins removing each other at once cannot both succeed. */
    private static void requireAnotherAdmin(User admin, String refusal) {
        List<User> admins = User.find("role", Roles.ADMIN).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (admins.stream().noneMatch(other -> !other.id.equals(admin.id))) {
            throw new ApiException(409, "last admin", refusal);
        }
    }

    private static void requireValidPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw invalid("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw invalid("password must be at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt ignores the rest)");
        }
    }

    private static void requireValidRole(String role) {
        if (role == null || !Roles.ALL.contains(role)) {
            throw invalid("role must be one of admin, agent, analyst");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid user", detail);
    }

    private static ApiException exists(String username) {
        return new ApiException(409, "user exists", "a user named " + username + " exists already");
    }
}
