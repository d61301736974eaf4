/**
 * Users, roles, log-in and sessions.
 *
 * <ul>
 * <li>{@link io.earshot.account.User} is a person or API client with one of the {@link io.earshot.account.Roles};
 * {@link io.earshot.account.UserService} owns them (validation, at least one admin) and fires
 * {@link io.earshot.account.AccountChanged} on every change; {@link io.earshot.account.UserResource}
 * ({@code /api/users}) and {@link io.earshot.account.UsersPage} ({@code /admin/users}) are its HTTP faces.
 * {@link io.earshot.account.AdminBootstrap} creates the first admin.</li>
 * <li>Browsers log in on {@link io.earshot.account.LoginPage}'s form; API clients send HTTP Basic.
 * {@link io.earshot.account.PasswordIdentityProvider} checks passwords (bcrypt, remembered for a minute)
 * behind the {@link io.earshot.account.LoginThrottle}.</li>
 * <li>{@link io.earshot.account.SessionIdentityProvider} re-checks every browser session against the
 * database, so a deleted user or a changed password ends sessions at once.</li>
 * </ul>
 *
 * See {@code docs/security.md}.
 */
package io.earshot.account;
