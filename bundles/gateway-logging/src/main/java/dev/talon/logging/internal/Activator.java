package dev.talon.logging.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.log.LogService;
import org.osgi.service.log.LoggerFactory;

/**
 * Starts the backend, routes {@code java.util.logging} into it, registers the OSGi Log service (one {@link BundleLogService} per using bundle) and the
 * {@link LoggingConfig} managed service for PID {@value LoggingConfig#PID}.
 */
public final class Activator implements BundleActivator {
    private ServiceRegistration<?> logService;
    private ServiceRegistration<ManagedService> config;
    private JulBridge jul;

    @Override
    public void start(BundleContext context) {
        LogBackend backend = LogBackend.get();
        jul = new JulBridge(backend);
        jul.install();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_DESCRIPTION, "Talon logging");
        logService = context.registerService(
                new String[] {LogService.class.getName(), LoggerFactory.class.getName()},
                new ServiceFactory<Object>() {
                    @Override
                    public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
                        return new BundleLogService(bundle, backend);
                    }

                    @Override
                    public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object s) {
                        // stateless
                    }
                },
                props);
        Dictionary<String, Object> cm = new Hashtable<>();
        cm.put(Constants.SERVICE_PID, LoggingConfig.PID);
        config = context.registerService(ManagedService.class, new LoggingConfig(backend), cm);
    }

    @Override
    public void stop(BundleContext context) {
        unregister(config);
        unregister(logService);
        if (jul != null) {
            jul.uninstall();
        }
        LogBackend.get().close();
    }

    private static void unregister(ServiceRegistration<?> r) {
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }
}
