/**
 * Users, roles and log-in. Passwords are bcrypt hashes checked by Quarkus Security JPA; API clients
 * use HTTP Basic. {@link io.earshot.account.AdminBootstrap} creates the first admin.
 */
package io.earshot.account;
