package io.earshot.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.earshot.account.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What every page's layout needs to know about the request: who is signed in, what they may do, and
 * the CSRF token that htmx sends back with every state-changing request. Templates read it as
 * {@code {inject:page.username}}.
 */
@Named("page")
@RequestScoped
public class PageContext {

    @Inject
    SecurityIdentity identity;

    @Inject
    CsrfTokens csrf;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getUsername() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public String getRole() {
        for (String role : new String[] { Roles.ADMIN, Roles.AGENT, Roles.ANALYST }) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "";
    }

    /** Agents and admins triage and reply; analysts only read. */
    public boolean isTriager() {
        return identity.hasRole(Roles.AGENT) || identity.hasRole(Roles.ADMIN);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public String getCsrfToken() {
        return csrf.forThisRequest();
    }
}
