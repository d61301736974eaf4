package io.earshot.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/** A person (or API client) who can log in. The password is stored as a bcrypt hash. */
@Entity
@Table(name = "app_user")
@UserDefinition
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    public Long id;

    @Username
    @Column(nullable = false, unique = true, length = 100)
    public String username;

    @Password
    @Column(nullable = false, length = 100)
    public String password;

    @Roles
    @Column(nullable = false, length = 20)
    public String role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<User> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Every user, by user name. */
    public static List<User> allByName() {
        return list("order by username");
    }

    /** Creates a user with the password hashed. */
    public static User add(String username, String plainPassword, String role) {
        User user = new User();
        user.username = username;
        user.changePassword(plainPassword);
        user.role = role;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    /** Replaces the password with the bcrypt hash of {@code plainPassword}. */
    public void changePassword(String plainPassword) {
        password = BcryptUtil.bcryptHash(plainPassword);
    }
}
