package dev.talon.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Base of every Talon integration test: boots the shipped bundle set of the unpacked distribution
 * ({@code target/dist/talon}) in a native Felix container, with a fresh state directory whose {@code talon.json}
 * sets a free loopback port and token auth.
 *
 * <p>{@link #config()} runs on the driver side; the test methods run inside the container (the probe bundle),
 * so everything they need travels as system properties ({@value #PORT}, {@code talon.state.dir}, and whatever a
 * subclass adds in {@link #extraOptions}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class GatewayTestSupport {
    /** The shared secret every test class starts with. */
    public static final String TOKEN = "it-token";
    /** System property: the gateway port chosen for this test class. */
    public static final String PORT = "talon.it.port";
    /** Bundles left out of the container: the interactive shell would read the test JVM's stdin. */
    private static final List<String> SKIPPED = List.of("org.apache.felix.gogo.shell");

    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Configuration
    public Option[] config() throws IOException {
        Path dist = Paths.get(required("talon.it.dist"));
        Path work = Files.createDirectories(Paths.get(required("talon.it.work")));
        Path state = Files.createTempDirectory(work, getClass().getSimpleName() + "-");
        int port = freePort();
        writeConfig(state, gatewayJson(port, TOKEN));

        List<Option> options = new ArrayList<>();
        options.add(systemProperty("talon.state.dir").value(state.toString()));
        options.add(systemProperty(PORT).value(Integer.toString(port)));
        // The shipped logging config: file log in <state>/logs/talon.log; talon.console.level asks for a WARN console.
        options.add(systemProperty("talon.logging.config")
                .value(dist.resolve("etc/logging.properties").toString()));
        options.add(systemProperty("talon.console.level").value("WARN"));
        // FileInstall as configured by etc/config.properties: hot deploy from <state>/deploy.
        options.add(systemProperty("felix.fileinstall.dir")
                .value(state.resolve("deploy").toString()));
        options.add(systemProperty("felix.fileinstall.poll").value("500"));
        options.add(systemProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(systemProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.add(systemProperty("felix.fileinstall.tmpdir")
                .value(Files.createDirectories(state.resolve("data/fileinstall"))
                        .toString()));

        // Boot bundles (logging, SPI Fly's registrar) first, as the launcher's felix.auto.start.1 does.
        for (Path jar : jars(dist.resolve("bundle/boot"))) {
            options.add(bundle(jar.toUri().toString()).startLevel(1));
        }
        for (Path jar : jars(dist.resolve("bundle"))) {
            if (SKIPPED.stream().noneMatch(s -> jar.getFileName().toString().startsWith(s))) {
                options.add(bundle(jar.toUri().toString()));
            }
        }
        options.add(junitBundles());
        options.add(cleanCaches());
        options.addAll(extraOptions(work.resolve("bundles-" + getClass().getSimpleName())));
        return options.toArray(new Option[0]);
    }

    /** The initial {@code talon.json}; override to add settings (keep the port and token). */
    protected String gatewayJson(int port, String token) {
        return "{\"gateway\":{\"port\":" + port + ",\"auth\":{\"mode\":\"token\",\"token\":\"" + token + "\"}}}";
    }

    /** Extra options of a test class, computed on the driver side (e.g. synthetic bundles written to {@code dir}). */
    protected List<Option> extraOptions(Path dir) {
        return List.of();
    }

    // ---- in-container helpers ----

    /**
     * The gateway component activates asynchronously (ConfigAdmin delivers its configuration on another
     * thread), so every test first waits for {@code /readyz} to answer 200 on this class's port.
     */
    @Before
    public void awaitGatewayReady() {
        Await.until("the gateway answers /readyz 200 on port " + port(), READY_WAIT, () -> {
            try {
                return httpGet(port(), "/readyz").statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The port the gateway was started on. */
    protected static int port() {
        return Integer.getInteger(PORT);
    }

    /** The state directory of this test class. */
    protected static Path stateDir() {
        return Paths.get(required("talon.state.dir"));
    }

    /** Replaces {@code talon.json} atomically, so the 500 ms poller never reads half a file. */
    protected static void writeConfig(Path state, String json) {
        try {
            Path tmp = Files.createTempFile(state, "talon", ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    state.resolve("talon.json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    /** The service of type {@code type}, waiting up to 10 s for it. */
    protected <T> T service(Class<T> type) {
        BundleContext ctx = context();
        return Await.value(type.getSimpleName() + " service", Duration.ofSeconds(10), () -> {
            ServiceReference<T> ref = ctx.getServiceReference(type);
            return ref == null ? null : ctx.getService(ref);
        });
    }

    /** A connected local CLI operator with {@code operator.admin}, on this class's port and token. */
    protected static WsTestClient admin() {
        return WsTestClient.operator(port(), TOKEN, "operator.admin");
    }

    /** GET {@code path} on the gateway port over plain HTTP. */
    protected static HttpResponse<String> httpGet(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of GET {@code path} on this class's port, or -1 when nothing answers. */
    protected static int httpStatus(String path) {
        try {
            return httpGet(port(), path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port that was free on the loopback interface a moment ago. */
    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        return v;
    }
}
