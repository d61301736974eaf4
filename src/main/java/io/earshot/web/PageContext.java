package io.earshot.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.earshot.account.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

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

    private SecurityIdentity resolved;

    public boolean isSignedIn() {
        return !identity().isAnonymous();
    }

    public String getUsername() {
        return identity().isAnonymous() ? "" : identity().getPrincipal().getName();
    }

    public String getRole() {
        for (String role : new String[] { Roles.ADMIN, Roles.AGENT, Roles.ANALYST }) {
            if (identity().hasRole(role)) {
                return role;
            }
        }
        return "";
    }

    /** Agents and admins triage and reply; analysts only read. */
    public boolean isTriager() {
        return identity().hasRole(Roles.AGENT) || identity().hasRole(Roles.ADMIN);
    }

    public boolean isAdmin() {
        return identity().hasRole(Roles.ADMIN);
    }

    /**
     * The request's identity, or an anonymous one when it cannot be had: while the database is down a
     * session cannot be checked, and the error page that says so must still render (signed out).
     */
    private SecurityIdentity identity() {
        if (resolved == null) {
            try {
                identity.isAnonymous();
                resolved = identity;
            } catch (RuntimeException e) {
                resolved = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
            }
        }
        return resolved;
    }

    public String getCsrfToken() {
        return csrf.forThisRequest();
    }
}
