package io.earshot.reliability;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged application ({@code quarkus-app/quarkus-run.jar}, system property {@code earshot.app.jar})
 * as a child JVM that fault tests can start, stop, kill with SIGKILL and start again on the same port and
 * data directory. Its output is appended to {@code <build dir>/reliability/<name>.log}.
 */
final class AppProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "fault-admin-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Map<String, String> env = new HashMap<>();
    private Process process;

    /**
     * @param name names the log file
     * @param dataDir {@code EARSHOT_DATA_DIR}: the H2 database and the index
     * @param env more environment variables (Kafka bootstrap servers, group, topic, database URL)
     */
    AppProcess(String name, Path dataDir, Map<String, String> env) {
        this(name, h2Jar(), dataDir, env);
    }

    /** As above, running {@code jar}: the build as packaged ({@link #h2Jar()}) or {@link #postgresqlJar()}. */
    AppProcess(String name, Path jar, Path dataDir, Map<String, String> env) {
        this.name = name;
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = buildDir().resolve("reliability").resolve(name + ".log");
        this.port = freePort();
        this.env.putAll(env);
    }

    /** The packaged app, as the build made it: H2. */
    static Path h2Jar() {
        return Path.of(require("earshot.app.jar"));
    }

    /**
     * A copy of the packaged app re-augmented for PostgreSQL, as {@code deploy/earshot.sh use-postgresql}
     * does; made once per packaged build, under {@code <build dir>/reliability/app-postgresql}.
     */
    static synchronized Path postgresqlJar() {
        Path built = h2Jar().getParent();
        // Re-augmentation writes beside the jar, into a directory that must be called quarkus-app.
        Path copy = buildDir().resolve("reliability").resolve("app-postgresql").resolve("quarkus-app");
        Path stamp = copy.getParent().resolve("built-from");
        try {
            String source = Long.toString(Files.getLastModifiedTime(built.resolve("quarkus-run.jar")).toMillis());
            if (Files.exists(stamp) && Files.readString(stamp).equals(source)) {
                return copy.resolve("quarkus-run.jar");
            }
            Files.createDirectories(copy.getParent());
            Path log = copy.getParent().resolve("reaugment.log");
            OsCommand.require(List.of("rm", "-rf", copy.toString()), log);
            OsCommand.require(List.of("cp", "-r", built.toString(), copy.toString()), log);
            OsCommand.require(List.of(java(), "-Dquarkus.launch.rebuild=true", "-Dquarkus.datasource.db-kind=postgresql",
                    "-jar", copy.resolve("quarkus-run.jar").toString()), log);
            Files.writeString(stamp, source);
            return copy.resolve("quarkus-run.jar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the PostgreSQL build under " + copy, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path buildDir() {
        return Path.of(System.getProperty("earshot.build.dir", "target")).toAbsolutePath();
    }

    Path dataDir() {
        return dataDir;
    }

    Path indexDir() {
        return dataDir.resolve("index");
    }

    Path log() {
        return log;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the JVM and waits until {@code /q/health/ready} answers 200. */
    AppProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(dataDir);
            Files.writeString(log, "==== " + Instant.now() + " starting " + name + " on port " + port + " ====\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>(List.of(java(),
                    "-Xmx768m", "-XX:+UseSerialGC", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("EARSHOT_DATA_DIR", dataDir.toString());
            builder.environment().put("EARSHOT_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("EARSHOT_BRAND_HANDLES", "x:AcmeSupport");
            builder.environment().putAll(env);
            process = builder.start();
            Process started = process;
            // A test JVM that dies leaves no app behind holding a port and a data directory.
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, name + "-reaper"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        try {
            awaitReady();
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
        return this;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up:\n"
                        + tail());
            }
            if (readyStatus() == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    /** The HTTP status of {@code /q/health/ready}, or -1 when the app does not answer. */
    int readyStatus() {
        try {
            return given().baseUri("http://127.0.0.1").port(port).get("/q/health/ready").statusCode();
        } catch (Exception e) {
            // RestAssured throws the checked ConnectException undeclared while the port is still closed.
            return -1;
        }
    }

    Response ready() {
        return given().baseUri("http://127.0.0.1").port(port).get("/q/health/ready");
    }

    /** Waits up to 90 s until {@code /q/health/ready} answers {@code status}; answers that response. */
    Response awaitReadiness(int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = ready();
            if (last.statusCode() == status) {
                return last;
            }
            sleep(250);
        }
        throw new AssertionError("readiness never answered " + status + "; last: " + (last == null ? "-" : last.asString()));
    }

    /** A request as the admin. */
    RequestSpecification admin() {
        return given().baseUri("http://127.0.0.1").port(port).auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    /**
     * Logs the admin in through the form, as a browser does, and answers the cookies a browser keeps: the
     * session and its stamp.
     */
    Map<String, String> logInAsAdmin() {
        Map<String, String> cookies = new HashMap<>(given().baseUri("http://127.0.0.1").port(port).redirects()
                .follow(false).formParam("j_username", "admin").formParam("j_password", ADMIN_PASSWORD)
                .post("/j_security_check").then().statusCode(302).extract().cookies());
        cookies.values().removeIf(String::isEmpty);
        return cookies;
    }

    /** A request without credentials, for pages with {@link #logInAsAdmin()}'s cookies. */
    RequestSpecification request() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    /** Documents the index holds now, from readiness data; -1 while the app does not say. */
    long indexedDocuments() {
        try {
            Integer documents = ready().jsonPath().get("checks.find { it.name == 'index' }.data.documents");
            return documents == null ? -1 : documents;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Graceful stop: SIGTERM, and the shutdown hooks commit the index. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    /** A crash: SIGKILL, nothing flushed. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }

    /** The last lines of the log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Whether the log holds {@code text} (start-up messages, errors). */
    boolean logContains(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the fault tests with "
                    + "./mvnw verify (failsafe passes it) after the app is packaged");
        }
        return value;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
