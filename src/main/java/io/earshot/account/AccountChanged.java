package io.earshot.account;

/**
 * A user's password or role was changed, or the user was deleted; fired inside the transaction, so
 * observers that act after commit see the new state.
 */
public record AccountChanged(String username) {
}
