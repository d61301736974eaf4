package io.earshot.account;

/**
 * A user was created or deleted, or their password or role changed; fired inside the transaction, so
 * observers that act after commit see the new state.
 */
public record AccountChanged(String username) {
}
