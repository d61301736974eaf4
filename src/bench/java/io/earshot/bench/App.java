package io.earshot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.testing.PrometheusText;

/**
 * The packaged application ({@code quarkus-app/quarkus-run.jar}, re-augmented once for PostgreSQL
 * as {@code deploy/earshot.sh use-postgresql} does) running as a child process on its own
 * database and data directory, with a small HTTP client for its API, metrics and health.
 */
final class App implements AutoCloseable {

    static final String PASSWORD = "bench-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String auth = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final double startSeconds;

    private App(Process process, int port, Path log, double startSeconds) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startSeconds = startSeconds;
    }

    /** A copy of the build's {@code quarkus-app}, re-augmented for PostgreSQL (done once per build). */
    static Path postgresBuild(BenchContext context) throws IOException, InterruptedException {
        Path built = context.buildDir().resolve("quarkus-app");
        if (!Files.exists(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("no packaged app at " + built + "; bench/run packages it first");
        }
        // Re-augmentation writes beside the jar into a directory that must be called quarkus-app.
        Path copy = context.workDir().resolve("app-postgresql").resolve("quarkus-app");
        Path stamp = copy.resolve("built-from");
        String source = Long.toString(Files.getLastModifiedTime(built.resolve("quarkus-run.jar")).toMillis());
        if (Files.exists(stamp) && Files.readString(stamp).equals(source)) {
            return copy;
        }
        Files.createDirectories(copy);
        run(List.of("rm", "-rf", copy.getParent().toString()), null);
        Files.createDirectories(copy.getParent());
        run(List.of("cp", "-r", built.toString(), copy.toString()), null);
        run(List.of(java(), "-Dquarkus.launch.rebuild=true", "-Dquarkus.datasource.db-kind=postgresql", "-jar",
                "quarkus-run.jar"), copy);
        Files.writeString(stamp, source);
        return copy;
    }

    /**
     * Starts the app on a PostgreSQL database and a data directory and waits until it is ready.
     *
     * @param settings extra configuration, as system properties
     * @param jvmOptions extra JVM options (a flight recording)
     */
    static App start(BenchContext context, String name, String database, Path dataDir, Map<String, String> settings,
            List<String> jvmOptions) throws IOException, InterruptedException {
        Path build = postgresBuild(context);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.datasource.jdbc.url=" + Postgres.url(database));
        command.add("-Dquarkus.datasource.username=" + Postgres.USER);
        command.add("-Dearshot.data-dir=" + dataDir);
        command.add("-Dearshot.admin.password=" + PASSWORD);
        command.add("-Dquarkus.log.category.\"io.earshot\".level=WARN");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        // Last, so they win: the same run with other settings, for comparing them.
        for (String setting : context.options().string("app-settings", "").split(",")) {
            if (!setting.isBlank()) {
                command.add("-D" + setting.strip());
            }
        }
        command.addAll(List.of("-jar", build.resolve("quarkus-run.jar").toString()));
        Path log = context.workDir().resolve(name + ".log");
        Files.createDirectories(dataDir);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        App app = new App(process, port, log, 0);
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        while (!app.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the app did not get ready; see " + log);
            }
            Thread.sleep(50);
        }
        return new App(process, port, log, (System.nanoTime() - started) / 1e9);
    }

    /** Seconds from starting the JVM until {@code /q/health/ready} answered 200. */
    double startSeconds() {
        return startSeconds;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean ready() {
        try {
            return send(HttpRequest.newBuilder(uri("/q/health/ready")).GET(), false).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    JsonNode get(String pathAndQuery) throws IOException {
        return json(send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), true));
    }

    JsonNode post(String path, String contentType, HttpRequest.BodyPublisher body) throws IOException {
        return json(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(body)
                .timeout(Duration.ofHours(2)), true));
    }

    /** Creates a listening rule; returns its id. */
    long rule(String name, String query) throws IOException {
        return post("/api/rules", "application/json", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                Map.of("name", name, "query", query, "enabled", true)))).get("id").asLong();
    }

    void deleteRule(long id) throws IOException {
        send(HttpRequest.newBuilder(uri("/api/rules/" + id)).DELETE(), true);
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code labelFilter}. */
    double metric(String name, String labelFilter) throws IOException {
        return PrometheusText.sum(metrics(), name, labelFilter);
    }

    /** The app's metrics as Prometheus text ({@code /q/metrics}). */
    String metrics() throws IOException {
        return send(HttpRequest.newBuilder(uri("/q/metrics")).GET(), true).body();
    }

    /** Heap in use, MiB, as the app's JVM reports it. */
    double heapMiB() throws IOException {
        return metric("jvm_memory_used_bytes", "area=\"heap\"") / 1024 / 1024;
    }

    /** Resident set size of the app's process, MiB. */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean check) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (check && response.statusCode() >= 300) {
                throw new IOException(response.statusCode() + " from " + response.uri() + ": " + response.body());
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Stops the app (SIGTERM, then SIGKILL after 60 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        int code = builder.start().waitFor();
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + code);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
