package dev.talon.gateway.core.internal.presence;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Talon's version as reported on the wire ({@code hello-ok.server.version}): the core bundle's version. */
public final class GatewayVersion {
    private static final String VERSION = compute();

    private GatewayVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String compute() {
        Bundle b = FrameworkUtil.getBundle(GatewayVersion.class);
        if (b == null) {
            return "0.0.0-dev";
        }
        org.osgi.framework.Version v = b.getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }
}
