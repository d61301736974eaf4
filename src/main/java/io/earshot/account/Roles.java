package io.earshot.account;

import java.util.Set;

/** The roles a user can hold. */
public final class Roles {

    /** Manages users, rules and settings; can do everything an agent can. */
    public static final String ADMIN = "admin";
    /** Triages and replies to conversations. */
    public static final String AGENT = "agent";
    /** Reads everything, replies to nothing. */
    public static final String ANALYST = "analyst";

    public static final Set<String> ALL = Set.of(ADMIN, AGENT, ANALYST);

    private Roles() {
    }
}
