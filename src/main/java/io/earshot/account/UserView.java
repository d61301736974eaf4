package io.earshot.account;

import java.time.Instant;

/** A user as the API and the users page show it: never the password hash. */
public record UserView(String username, String role, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.username, user.role, user.createdAt);
    }
}
