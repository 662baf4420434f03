package dev.talon.gateway.core.internal.server;

import dev.talon.gateway.core.internal.device.DeviceProof;
import dev.talon.gateway.core.internal.protocol.Schemas;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.slf4j.LoggerFactory;

/**
 * Gets the slow first-use work of the gateway's start-up going on a second thread as soon as this bundle starts,
 * which is before SCR activates its components: compiling the JSON Schemas (networknt and Jackson initialisation),
 * initialising Jetty's classes and the JDK's Ed25519 code. The component threads then find them ready, or wait for them ({@link
 * dev.talon.gateway.core.internal.runtime.Once}) instead of doing the same work at the same time. On two cores this
 * takes ≈ 0.2 s off start → first {@code hello-ok} (docs/PERFORMANCE.md). Nothing depends on it having run.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class StartupWarmUp implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Thread t = new Thread(StartupWarmUp::run, "talon-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void stop(BundleContext context) {
        // Nothing to undo: the thread ends on its own and holds no resources.
    }

    private static void run() {
        try {
            Schemas.prepare();
        } catch (RuntimeException e) {
            // The component that needs the schema reports the same failure, as an error, when it asks for it.
            LoggerFactory.getLogger(StartupWarmUp.class).debug("Schema warm-up failed: {}", e.toString());
        }
        JettyListener.prepare();
        try {
            DeviceProof.warmUp(); // JDK classes only (EdDSA); the first signed connect needs them
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(StartupWarmUp.class).debug("Device proof warm-up failed: {}", e.toString());
        }
    }
}
