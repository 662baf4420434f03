package dev.talon.itests;

import static dev.talon.itests.WsTestClient.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.talon.gateway.api.MethodRegistry;
import dev.talon.gateway.api.RegistrySnapshot;
import dev.talon.gateway.api.RegistrySnapshot.MethodInfo;
import dev.talon.itests.plugin.EchoHandler;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import tools.jackson.databind.JsonNode;

/**
 * Plugin bundles come and go at runtime: methods appear in {@code hello-ok.features.methods} and become
 * callable, disappear on uninstall without disturbing open connections, and same-name registrations follow
 * {@code service.ranking}.
 */
public class HotDeployIT extends GatewayTestSupport {
    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(10);

    private final List<Bundle> installed = new ArrayList<>();

    @Override
    protected List<Option> extraOptions(Path dir) {
        return List.of(
                systemProperty("talon.it.bundle.echo")
                        .value(SyntheticBundles.handlerBundle(
                                dir,
                                "it.plugin.echo",
                                EchoHandler.class,
                                "it.echo",
                                "operator.read",
                                0,
                                Map.of("it.tag", "echo"))),
                systemProperty("talon.it.bundle.low")
                        .value(SyntheticBundles.handlerBundle(
                                dir,
                                "it.plugin.low",
                                EchoHandler.class,
                                "it.ranked",
                                "operator.read",
                                10,
                                Map.of("it.tag", "low"))),
                systemProperty("talon.it.bundle.high")
                        .value(SyntheticBundles.handlerBundle(
                                dir,
                                "it.plugin.high",
                                EchoHandler.class,
                                "it.ranked",
                                "operator.read",
                                20,
                                Map.of("it.tag", "high"))),
                systemProperty("talon.it.bundle.dropped")
                        .value(SyntheticBundles.handlerBundle(
                                dir,
                                "it.plugin.dropped",
                                EchoHandler.class,
                                "it.dropped",
                                "operator.read",
                                0,
                                Map.of("it.tag", "dropped"))));
    }

    @After
    public void uninstallSyntheticBundles() throws BundleException {
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
    }

    @Test
    public void anInstalledHandlerBundleIsAdvertisedAndCallableAndItsUninstallRemovesItWithoutClosingConnections()
            throws BundleException {
        try (WsTestClient before = admin()) {
            assertFalse(methods(before.hello()).contains("it.echo"));

            Bundle plugin = install("talon.it.bundle.echo");
            plugin.start();
            awaitActive("it.echo", "it.plugin.echo");

            try (WsTestClient after = admin()) {
                assertTrue(
                        "hello-ok of a new connection lists it.echo",
                        methods(after.hello()).contains("it.echo"));
                JsonNode res = after.call("it.echo", Map.of("text", "hi"));
                assertTrue("it.echo answers: " + res, res.path("ok").asBoolean());
                assertEquals("hi", text(res.path("payload").path("echo").path("text")));
                assertEquals("echo", text(res.path("payload").path("tag")));
            }
            JsonNode viaOld = before.call("it.echo", Map.of("text", "old"));
            assertTrue(
                    "a connection opened before the deploy can call it too: " + viaOld,
                    viaOld.path("ok").asBoolean());

            plugin.uninstall();
            Await.until("it.echo leaves the registry", REGISTRY_WAIT, () -> registry().methods().stream()
                    .noneMatch(m -> m.name().equals("it.echo")));

            JsonNode gone = before.call("it.echo", Map.of("text", "again"));
            assertEquals("unknown method: it.echo", text(gone.path("error").path("message")));
            assertFalse("the open connection survives the uninstall", before.isClosed());
            assertTrue(before.call("health", Map.of()).path("ok").asBoolean());
            try (WsTestClient fresh = admin()) {
                assertFalse(methods(fresh.hello()).contains("it.echo"));
            }
        }
    }

    @Test
    public void theHigherRankedHandlerWinsAndStoppingItsBundleRestoresTheOther() throws BundleException {
        Bundle low = install("talon.it.bundle.low");
        low.start();
        awaitActive("it.ranked", "it.plugin.low");
        Bundle high = install("talon.it.bundle.high");
        high.start();
        MethodInfo winner = awaitActive("it.ranked", "it.plugin.high");
        assertEquals(20, winner.ranking());

        List<MethodInfo> both = registrations("it.ranked");
        assertEquals("both registrations are listed: " + both, 2, both.size());
        assertTrue("the active one comes first", both.get(0).active());
        assertFalse("the lower-ranked one is shadowed", both.get(1).active());
        assertEquals("it.plugin.low", both.get(1).bundleSymbolicName());
        assertEquals(10, both.get(1).ranking());

        try (WsTestClient c = admin()) {
            assertEquals(
                    "high", text(c.call("it.ranked", Map.of()).path("payload").path("tag")));

            high.stop();
            MethodInfo restored = awaitActive("it.ranked", "it.plugin.low");
            assertEquals(10, restored.ranking());
            assertEquals(1, registrations("it.ranked").size());
            assertEquals(
                    "the same connection now reaches the other handler",
                    "low",
                    text(c.call("it.ranked", Map.of()).path("payload").path("tag")));

            high.start();
            awaitActive("it.ranked", "it.plugin.high");
            assertEquals(
                    "high", text(c.call("it.ranked", Map.of()).path("payload").path("tag")));
        }
    }

    @Test
    public void aBundleDroppedIntoTheDeployFolderIsPickedUpAndDeletingItRemovesTheMethod() throws Exception {
        Path deploy = stateDir().resolve("deploy");
        Path jar = deploy.resolve("it.plugin.dropped.jar");
        Path tmp = Files.createTempFile(stateDir(), "drop", ".part");
        try (InputStream in = URI.create(System.getProperty("talon.it.bundle.dropped"))
                .toURL()
                .openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);

        awaitActive("it.dropped", "it.plugin.dropped");
        try (WsTestClient c = admin()) {
            assertTrue(methods(c.hello()).contains("it.dropped"));
            assertEquals(
                    "dropped",
                    text(c.call("it.dropped", Map.of()).path("payload").path("tag")));

            Files.delete(jar);
            Await.until("it.dropped leaves the registry", REGISTRY_WAIT, () -> registrations("it.dropped")
                    .isEmpty());
            assertEquals(
                    "unknown method: it.dropped",
                    text(c.call("it.dropped", Map.of()).path("error").path("message")));
            assertTrue(c.call("health", Map.of()).path("ok").asBoolean());
        }
    }

    private Bundle install(String property) throws BundleException {
        Bundle b = context().installBundle(System.getProperty(property));
        installed.add(b);
        return b;
    }

    private RegistrySnapshot registry() {
        return service(MethodRegistry.class).snapshot();
    }

    private List<MethodInfo> registrations(String name) {
        return registry().methods().stream().filter(m -> m.name().equals(name)).toList();
    }

    /** Waits until {@code bundle} holds the active registration of {@code name}. */
    private MethodInfo awaitActive(String name, String bundle) {
        return Await.value(name + " active from " + bundle, REGISTRY_WAIT, () -> {
            Optional<MethodInfo> active = registry().active(name);
            return active.filter(m -> m.bundleSymbolicName().equals(bundle)).orElse(null);
        });
    }

    private static List<String> methods(JsonNode hello) {
        List<String> out = new ArrayList<>();
        hello.path("features").path("methods").forEach(n -> out.add(text(n)));
        return out;
    }
}
