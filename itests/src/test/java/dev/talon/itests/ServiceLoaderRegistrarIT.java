package dev.talon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The shipped service-loader registrar (SPI Fly's static bundle, a boot bundle) in Felix: Jetty's declared
 * {@code META-INF/services} providers are OSGi services owned by their bundles, and gone while the provider bundle
 * is stopped. Nothing is woven: Talon ships no service-loader processor.
 */
public class ServiceLoaderRegistrarIT extends GatewayTestSupport {
    private static final String ENCODER = "org.eclipse.jetty.http.HttpFieldPreEncoder";
    private static final String PARSER = "org.eclipse.jetty.websocket.api.ExtensionConfig$Parser";

    private List<ServiceReference<?>> providers(String type) {
        try {
            ServiceReference<?>[] refs = context().getServiceReferences(type, "(serviceloader.mediator=*)");
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    @Test
    public void jettyProvidersAreServicesOfTheirBundles() {
        List<ServiceReference<?>> encoders =
                Await.value("the HTTP field pre-encoders are registered", Duration.ofSeconds(10), () -> {
                    List<ServiceReference<?>> r = providers(ENCODER);
                    return r.size() >= 2 ? r : null;
                });
        Bundle http = bundle("org.eclipse.jetty.http");
        Bundle registrar = bundle("org.apache.aries.spifly.static.bundle");
        BundleContext ctx = context();
        for (ServiceReference<?> ref : encoders) {
            assertEquals(http, ref.getBundle());
            assertEquals(registrar.getBundleId(), ref.getProperty("serviceloader.mediator"));
            Object encoder = ctx.getService(ref);
            assertNotNull(encoder);
            assertTrue(
                    encoder.getClass().getName(), encoder.getClass().getName().endsWith("FieldPreEncoder"));
            ctx.ungetService(ref);
        }
    }

    @Test
    public void providersGoAwayWhileTheirBundleIsStoppedAndComeBack() throws BundleException {
        Bundle common = bundle("org.eclipse.jetty.websocket.common");
        Await.until(
                "the extension-config parser is registered",
                Duration.ofSeconds(10),
                () -> providers(PARSER).size() == 1);
        common.stop();
        try {
            assertEquals(List.of(), providers(PARSER));
        } finally {
            common.start();
        }
        Await.until(
                "the parser is registered again",
                Duration.ofSeconds(10),
                () -> providers(PARSER).size() == 1);
    }
}
