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
        this.name = name;
        this.jar = Path.of(require("earshot.app.jar"));
        this.dataDir = dataDir;
        this.log = buildDir().resolve("reliability").resolve(name + ".log");
        this.port = freePort();
        this.env.putAll(env);
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
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
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

    /** A request as the admin. */
    RequestSpecification admin() {
        return given().baseUri("http://127.0.0.1").port(port).auth().preemptive().basic("admin", ADMIN_PASSWORD);
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

    private static int freePort() {
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
