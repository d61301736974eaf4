package io.earshot.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of the test's own: created with {@code initdb} under the build directory, run by
 * the {@code postgres} OS user on a free port with its socket in {@code /tmp}, stopped at will (even
 * {@code -m immediate}, a crash) and deleted on {@link #close()}. It never touches the machine's own
 * cluster. A test that cannot have one (not root, no {@code postgres} user, no server binaries) is
 * skipped with the reason.
 */
final class PostgresCluster implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "earshot";
    private static final Path SERVER_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final Path log;
    private final Path commands;
    private final int port;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        // Written by root, beside the server's own log (which the postgres user must be able to create).
        this.commands = AppProcess.buildDir().resolve("reliability").resolve(dir.getFileName() + "-commands.log");
        this.port = port;
    }

    /**
     * Creates and starts a cluster named {@code name} holding an empty database {@value #DATABASE}; skips
     * the calling test when this machine cannot run one.
     */
    static PostgresCluster start(String name) {
        Optional<Path> bin = newestServer();
        Assumptions.assumeTrue(bin.isPresent(), "no PostgreSQL server binaries under " + SERVER_BINARIES);
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "a cluster of the test's own is created as the postgres user, which needs root (running as "
                        + System.getProperty("user.name") + ")");
        Assumptions.assumeTrue(OsCommand.run(List.of("id", "-u", USER), null) == 0,
                "no '" + USER + "' OS user to run PostgreSQL");
        Path dir = home().resolve("pg-" + name + "-" + UUID.randomUUID());
        PostgresCluster cluster = new PostgresCluster(bin.get(), dir, AppProcess.freePort());
        try {
            Files.createDirectories(dir);
            OsCommand.require(List.of("chown", "-R", USER, dir.toString()), null);
            require(cluster.asPostgres(List.of(cluster.bin.resolve("initdb").toString(), "-D", cluster.dir.toString(),
                    "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync")), "initdb " + cluster.dir);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-" + name + "-reaper"));
            cluster.startServer();
            try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return cluster;
        } catch (IOException | SQLException | RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("could not set up PostgreSQL under " + dir + ": " + e.getMessage() + "\n"
                    + cluster.tail(), e);
        }
    }

    /**
     * Where clusters are made: under the build directory, unless the postgres user cannot reach it (a
     * checkout under root's home), then in the system's temporary directory.
     */
    private static Path home() {
        Path root = AppProcess.buildDir().resolve("reliability");
        try {
            Files.createDirectories(root);
            if (OsCommand.run(List.of("runuser", "-u", USER, "--", "test", "-x", root.toString()), null) == 0) {
                return root;
            }
            return Path.of(System.getProperty("java.io.tmpdir"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again) on the same port and data. */
    void startServer() {
        require(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", log.toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start")),
                "pg_ctl start");
    }

    /** Stops the server at once, without a checkpoint: what a crash or a pulled cable looks like to clients. */
    void crash() {
        require(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "immediate", "-w",
                "stop")), "pg_ctl stop -m immediate");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The environment that points the (PostgreSQL build of the) app at this cluster's database. */
    Map<String, String> appEnv() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", USER,
                "QUARKUS_DATASOURCE_PASSWORD", "");
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
    }

    /** Stops the server if it runs and deletes the cluster. */
    @Override
    public synchronized void close() {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.exists(dir.resolve("postmaster.pid"))) {
            asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "immediate", "-w", "stop"));
        }
        try (Stream<Path> walk = Files.walk(dir.getParent())) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.getParent(), e);
        }
    }

    /** The last lines of the server's log and of the commands' output, for failure messages. */
    String tail() {
        return tail(log) + "\n" + tail(commands);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(nothing at " + file + ")";
        }
    }

    private int asPostgres(List<String> command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        full.addAll(command);
        return OsCommand.run(full, commands);
    }

    /** The bin directory of the newest PostgreSQL server installed the Debian way. */
    private static Optional<Path> newestServer() {
        if (!Files.isDirectory(SERVER_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(SERVER_BINARIES)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void require(int exitCode, String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " exited with " + exitCode);
        }
    }
}
