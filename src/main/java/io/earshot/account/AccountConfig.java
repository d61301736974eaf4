package io.earshot.account;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of accounts, under {@code earshot.admin}. */
@ConfigMapping(prefix = "earshot.admin")
public interface AccountConfig {

    /**
     * {@code earshot.admin.password} (env {@code EARSHOT_ADMIN_PASSWORD}): the password of the {@code admin}
     * user created on first start. Without it a random one is generated and printed once in the log.
     */
    Optional<String> password();
}
