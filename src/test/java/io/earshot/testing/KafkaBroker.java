package io.earshot.testing;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real, single-node Apache Kafka broker (KRaft: broker and controller in one process) that the test suite starts
 * itself, as a child JVM running {@code kafka.Kafka} from the Maven Central jars that {@code deploy/kafka/pom.xml}
 * resolves. Nothing Kafka runs inside the test JVM and nothing is mocked.
 *
 * <p>{@link #shared()} starts one broker per test JVM on first use (free ports, a temp data dir); a shutdown hook
 * stops it and deletes its data. Quarkus tests get its address through {@link KafkaBrokerResource}. Failure tests can
 * {@link #stop()}, {@link #kill()} and {@link #restart()} it: the ports and the data survive, so clients reconnect to
 * the same bootstrap address and find their topics and committed offsets again. {@code shared()} starts the broker
 * again if a test left it stopped.
 *
 * <p>Quarkus loads test classes in one class loader per application (per test profile), so each loader has its own
 * copy of this class. The broker's state (ports, data dir, pid) therefore lives in JVM-wide system properties, as
 * strings, and every copy of this class drives the same child process: a test that restarts the broker restarts the
 * one the application talks to.
 *
 * <p>The broker's output is appended to {@code <build dir>/kafka-broker.log} (build dir: system property
 * {@code earshot.build.dir}, default {@code target}). Its root log level is {@code INFO}, or the system property
 * {@code earshot.kafka.log-level}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String SHARED = "earshot.testing.kafka.shared.";
    /**
     * The broker JVM for tests: a small heap and no optimising compiler, which start fast and cost little
     * CPU in short runs.
     */
    private static final List<String> TEST_JVM = List.of("-Xmx512m", "-Xms64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    /**
     * The broker JVM as Kafka's own start scripts run it ({@code kafka-server-start.sh}, {@code
     * kafka-run-class.sh}), for a benchmark to compare with the tests' JVM: both share the machine's
     * cores with the app under test.
     */
    public static final List<String> PRODUCTION_JVM = List.of("-Xmx1G", "-Xms1G", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /** A string literal is one object JVM-wide, across class loaders: the lock every copy of this class shares. */
    private static final String LOCK = "io.earshot.testing.KafkaBroker.lock";

    /** System property prefix holding this broker's state. */
    private final String key;
    private final Path projectDir;
    private final Path buildDir;
    private final Path workDir;
    private final Path logDirs;
    private final Path brokerLog;
    private final int port;
    private final int controllerPort;

    private KafkaBroker(String key) {
        this.key = key;
        this.projectDir = findProjectDir();
        this.buildDir = projectDir.resolve(System.getProperty("earshot.build.dir", "target"));
        try {
            Files.createDirectories(buildDir);
            if (System.getProperty(key + "work-dir") == null) {
                int[] ports = freePorts(2);
                System.setProperty(key + "port", Integer.toString(ports[0]));
                System.setProperty(key + "controller-port", Integer.toString(ports[1]));
                System.setProperty(key + "work-dir", Files.createTempDirectory("earshot-kafka-").toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = Integer.parseInt(System.getProperty(key + "port"));
        this.controllerPort = Integer.parseInt(System.getProperty(key + "controller-port"));
        this.workDir = Path.of(System.getProperty(key + "work-dir"));
        this.logDirs = workDir.resolve("kraft");
        this.brokerLog = buildDir.resolve("kafka-broker.log");
    }

    /** The broker shared by every test in this JVM, started on first use (and again if a test left it stopped). */
    public static KafkaBroker shared() {
        synchronized (LOCK) {
            KafkaBroker broker = new KafkaBroker(SHARED);
            if (System.getProperty(SHARED + "hook") == null) {
                System.setProperty(SHARED + "hook", "registered");
                registerShutdownHookInSystemClassLoader(SHARED);
            }
            if (!broker.isRunning()) {
                broker.start();
            }
            return broker;
        }
    }

    /**
     * The hook runs when the JVM exits, after Quarkus may have closed the class loader this copy of the class came
     * from; so the hook is registered through the copy the system class loader holds (surefire puts the test classes
     * on the system class path), and through this copy only where there is none.
     */
    private static void registerShutdownHookInSystemClassLoader(String key) {
        Class<?> owner = KafkaBroker.class;
        try {
            owner = Class.forName(KafkaBroker.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // not on the system class path: use this copy
        }
        try {
            var register = owner.getDeclaredMethod("registerShutdownHook", String.class);
            register.setAccessible(true);
            register.invoke(null, key);
        } catch (ReflectiveOperationException | RuntimeException e) {
            registerShutdownHook(key);
        }
    }

    private static void registerShutdownHook(String key) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> new KafkaBroker(key).close(), "kafka-broker-shutdown"));
    }

    /**
     * A broker of its own (own ports and data), not started yet; the caller must {@link #close()} it. Prefer
     * {@link #shared()}: each broker costs a JVM of up to 512 MB heap.
     */
    public static KafkaBroker newBroker() {
        return new KafkaBroker("earshot.testing.kafka." + UUID.randomUUID() + ".");
    }

    /** As {@link #newBroker()}, its JVM started with these options instead of the tests' (e.g. {@link #PRODUCTION_JVM}). */
    public static KafkaBroker newBroker(List<String> jvmOptions) {
        KafkaBroker broker = newBroker();
        System.setProperty(broker.key + "jvm-options", String.join("\n", jvmOptions));
        return broker;
    }

    private List<String> jvmOptions() {
        String options = System.getProperty(key + "jvm-options");
        return options == null ? TEST_JVM : List.of(options.split("\n"));
    }

    /** {@code 127.0.0.1:<port>}; the same across {@link #restart()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where the broker's output goes (appended across restarts). */
    public Path logFile() {
        return brokerLog;
    }

    /** How long the last {@link #start()} took until the broker answered an AdminClient, or null. */
    public Duration lastStartTime() {
        String ms = System.getProperty(key + "start-ms");
        return ms == null ? null : Duration.ofMillis(Long.parseLong(ms));
    }

    public boolean isRunning() {
        return handle().map(ProcessHandle::isAlive).orElse(false);
    }

    /** Starts the broker (formatting the storage on first start) and waits until it serves clients. */
    public void start() {
        synchronized (LOCK) {
            if (isRunning()) {
                return;
            }
            Instant t0 = Instant.now();
            reapOrphans();
            try {
                String classpath = classpath();
                Path props = writeConfig();
                if (!Files.exists(logDirs.resolve("meta.properties"))) {
                    format(classpath, props);
                }
                appendToLog("==== " + Instant.now() + " starting kafka.Kafka on " + bootstrapServers() + ", data in "
                        + logDirs + " ====\n");
                List<String> cmd = new ArrayList<>(List.of(javaBin()));
                cmd.addAll(jvmOptions());
                cmd.addAll(List.of("-Djava.awt.headless=true",
                        "-Dlog4j2.configurationFile=" + workDir.resolve("log4j2.xml"),
                        "@" + classpathArgFile(classpath), MAIN_CLASS, props.toString()));
                Process process = new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()))
                        .start();
                System.setProperty(key + "pid", Long.toString(process.pid()));
                Files.writeString(pidFile(), process.pid() + " " + ProcessHandle.current().pid() + "\n");
                awaitReady(t0.plus(START_TIMEOUT));
            } catch (IOException e) {
                destroy();
                throw new UncheckedIOException("could not start the Kafka broker", e);
            } catch (RuntimeException | Error e) {
                destroy();
                throw e;
            }
            System.setProperty(key + "start-ms", Long.toString(Duration.between(t0, Instant.now()).toMillis()));
        }
    }

    /** Graceful stop (SIGTERM: controlled shutdown), SIGKILL after 30 s. Keeps ports and data for a restart. */
    public void stop() {
        synchronized (LOCK) {
            Optional<ProcessHandle> h = handle();
            if (h.isPresent()) {
                h.get().destroy();
                try {
                    h.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // fall through to SIGKILL
                }
            }
            destroy();
        }
    }

    /** Crash: SIGKILL, no controlled shutdown (what the OS already has of the log files stays). Keeps ports and data. */
    public void kill() {
        synchronized (LOCK) {
            destroy();
        }
    }

    /** {@link #stop()} then {@link #start()} on the same ports and data directory. */
    public void restart() {
        synchronized (LOCK) {
            stop();
            start();
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        synchronized (LOCK) {
            stop();
            deleteRecursively(workDir);
        }
    }

    /** A new Admin client for this broker; close it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(p);
    }

    /** Creates a topic (replication factor 1) unless it exists, and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** As {@link #createTopic(String, int)}, with topic configs (e.g. {@code cleanup.policy=compact}). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name, e.getCause());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames()
                            .get(10, TimeUnit.SECONDS).get(name);
                    if (d != null && d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // UnknownTopicOrPartition while the metadata propagates, or a slow answer: retry
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has no leader after 30 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + (isRunning() ? "running" : "stopped") + ", " + workDir + "]";
    }

    // ---- start-up ---------------------------------------------------------------------------------------------------

    private void awaitReady(Instant deadline) {
        // 1. the client port opens (listeners start last, after the controller and the broker registration)
        while (!portOpen(port)) {
            checkAlive();
            if (Instant.now().isAfter(deadline)) {
                throw failure("did not open port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            sleep(100);
        }
        // 2. it answers an AdminClient
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        try (Admin admin = Admin.create(p)) {
            Exception last = null;
            while (Instant.now().isBefore(deadline)) {
                checkAlive();
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes()
                            .get(6, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("start-up interrupted");
                }
                sleep(200);
            }
            IllegalStateException f = failure("did not answer describeCluster within "
                    + START_TIMEOUT.toSeconds() + " s");
            if (last != null) {
                f.addSuppressed(last);
            }
            throw f;
        }
    }

    private void checkAlive() {
        if (!isRunning()) {
            throw failure("exited during start-up");
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Kafka broker " + bootstrapServers() + " " + what + "; last lines of "
                + brokerLog + ":\n" + tail(brokerLog, 60));
    }

    private void format(String classpath, Path props) throws IOException {
        Path formatLog = workDir.resolve("format.log");
        List<String> cmd = List.of(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + workDir.resolve("log4j2-tools.xml"),
                "@" + classpathArgFile(classpath), "kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", props.toString());
        int rc = run(cmd, formatLog, Duration.ofSeconds(60));
        if (rc != 0) {
            throw new IllegalStateException("kafka.tools.StorageTool format failed (exit " + rc + "):\n"
                    + tail(formatLog, 40));
        }
    }

    /**
     * The classpath goes into a java {@code @argfile}: the command line stays short, so {@code ps} shows it whole and
     * {@link ProcessHandle.Info#commandLine()} (cut at 4 KB) still contains the main class.
     */
    private Path classpathArgFile(String classpath) throws IOException {
        Path file = workDir.resolve("classpath.args");
        Files.writeString(file, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        return file;
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(logDirs);
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "default.replication.factor=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // consumers in tests get their partitions at once instead of after the default 3 s
                "group.initial.rebalance.delay.ms=0",
                // a small machine: fewer threads than the defaults
                "num.network.threads=2",
                "num.io.threads=4",
                "background.threads=4",
                "");
        Path file = workDir.resolve("server.properties");
        Files.writeString(file, props);
        String log4j = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN" shutdownHook="disable">
                  <Appenders>
                    <Console name="OUT" target="SYSTEM_OUT"><PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/></Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Root level="%s"><AppenderRef ref="OUT"/></Root>
                  </Loggers>
                </Configuration>
                """;
        Files.writeString(workDir.resolve("log4j2.xml"),
                log4j.formatted(System.getProperty("earshot.kafka.log-level", "INFO")));
        Files.writeString(workDir.resolve("log4j2-tools.xml"), log4j.formatted("WARN"));
        return file;
    }

    // ---- classpath --------------------------------------------------------------------------------------------------

    /**
     * The broker's classpath: {@code <build dir>/kafka-broker.classpath} (or the file the system property
     * {@code earshot.kafka.classpath-file} names) when it is newer than deploy/kafka/pom.xml and every jar in it
     * exists; otherwise the Maven wrapper writes it, offline first, then online.
     */
    private String classpath() throws IOException {
        String cached = System.getProperty(key + "classpath");
        if (cached != null) {
            return cached;
        }
        Path cpFile = Optional.ofNullable(System.getProperty("earshot.kafka.classpath-file")).map(Path::of)
                .orElse(buildDir.resolve("kafka-broker.classpath")).toAbsolutePath();
        Path pom = projectDir.resolve("deploy/kafka/pom.xml");
        if (!fresh(cpFile, pom)) {
            Files.createDirectories(cpFile.getParent());
            Path tmp = cpFile.resolveSibling(cpFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Path mvnLog = buildDir.resolve("kafka-broker-classpath.log");
            List<String> online = new ArrayList<>(mavenCommand());
            online.addAll(List.of("-q", "-B", "-f", pom.toString(), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + tmp));
            List<String> offline = new ArrayList<>(online);
            offline.add(offline.indexOf("-q"), "-o");
            int rc = run(offline, mvnLog, Duration.ofMinutes(5));
            if (rc != 0 || !Files.isRegularFile(tmp)) {
                rc = run(online, mvnLog, Duration.ofMinutes(10));
            }
            if (rc != 0 || !Files.isRegularFile(tmp)) {
                throw new IllegalStateException("could not resolve the Kafka broker classpath with " + online
                        + " (exit " + rc + "):\n" + tail(mvnLog, 40));
            }
            Files.move(tmp, cpFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        String cp = Files.readString(cpFile).trim();
        System.setProperty(key + "classpath", cp);
        return cp;
    }

    private static boolean fresh(Path cpFile, Path pom) throws IOException {
        if (!Files.isRegularFile(cpFile)
                || Files.getLastModifiedTime(cpFile).compareTo(Files.getLastModifiedTime(pom)) < 0) {
            return false;
        }
        String cp = Files.readString(cpFile).trim();
        if (!cp.contains("kafka_2.13")) {
            return false;
        }
        for (String entry : cp.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    private List<String> mavenCommand() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        Path wrapper = projectDir.resolve(windows ? "mvnw.cmd" : "mvnw");
        if (Files.isRegularFile(wrapper)) {
            return windows ? List.of("cmd", "/c", wrapper.toString()) : List.of("sh", wrapper.toString());
        }
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome != null && !mavenHome.isBlank() && Files.isRegularFile(Path.of(mavenHome, "bin", "mvn"))) {
            return List.of(Path.of(mavenHome, "bin", "mvn").toString());
        }
        return List.of("mvn");
    }

    // ---- processes --------------------------------------------------------------------------------------------------

    private Optional<ProcessHandle> handle() {
        String pid = System.getProperty(key + "pid");
        return pid == null || pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
    }

    /** SIGKILL and wait; forgets the pid. */
    private void destroy() {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // nothing more to do
            }
        });
        System.clearProperty(key + "pid");
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // best effort
        }
    }

    private Path pidFile() {
        return buildDir.resolve("kafka-broker-" + ProcessHandle.current().pid() + "-" + port + ".pid");
    }

    /** Kills brokers that earlier test JVMs (killed before their shutdown hook ran) left behind. */
    private void reapOrphans() {
        try (Stream<Path> files = Files.list(buildDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("kafka-broker-\\d+-\\d+\\.pid"))
                    .toList()) {
                String[] pids = Files.readString(f).trim().split("\\s+");
                if (pids.length != 2 || ProcessHandle.of(Long.parseLong(pids[1])).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    continue; // its test JVM still runs (maybe this one)
                }
                ProcessHandle.of(Long.parseLong(pids[0]))
                        .filter(h -> h.info().commandLine().map(c -> c.contains(MAIN_CLASS)).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private int run(List<String> cmd, Path log, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(projectDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return -1;
        }
    }

    // ---- small helpers ----------------------------------------------------------------------------------------------

    private void appendToLog(String line) throws IOException {
        Files.writeString(brokerLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test JVM runs in the project root; walk up in case it does not. */
    private static Path findProjectDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("deploy/kafka/pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no deploy/kafka/pom.xml in " + dir + " or above");
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                sockets.add(s);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // ignore
                }
            }
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of a file, read from its end (the broker log grows over a run). */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            int chunk = (int) Math.min(len, 64 * 1024);
            byte[] buf = new byte[chunk];
            raf.seek(len - chunk);
            raf.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
