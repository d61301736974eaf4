package io.earshot.account;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Creates the {@code admin} user on start-up when it does not exist, so a new install can be used at once. */
@ApplicationScoped
public class AdminBootstrap {

    static final String ADMIN_USERNAME = "admin";

    @Inject
    AccountConfig config;

    @Transactional
    void createAdminIfMissing(@Observes StartupEvent start) {
        if (User.findByUsername(ADMIN_USERNAME).isPresent()) {
            return;
        }
        String password = config.password().filter(p -> !p.isBlank()).orElse(null);
        if (password == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Log.infof("Created user 'admin' with the generated password %s (shown once; set EARSHOT_ADMIN_PASSWORD"
                    + " to choose it)", password);
        } else {
            Log.info("Created user 'admin' with the password from EARSHOT_ADMIN_PASSWORD");
        }
        User.add(ADMIN_USERNAME, password, Roles.ADMIN);
    }
}
