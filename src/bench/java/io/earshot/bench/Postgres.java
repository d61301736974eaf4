package io.earshot.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The local PostgreSQL the benchmark uses: one database per section, dropped and created fresh. */
final class Postgres {

    static final String HOST = System.getProperty("earshot.bench.postgres", "127.0.0.1:5432");
    static final String USER = System.getProperty("earshot.bench.postgres.user", "postgres");

    private Postgres() {
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + "/" + database;
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }

    /** Drops the database if it exists (closing its connections) and creates it empty. */
    static void recreate(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
    }

    static String version() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
                var rs = s.executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }
}
