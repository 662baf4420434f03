package dev.talon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Contributed HTTP routes follow their bundle: the canvas host answers while {@code node-canvas} is active, is
 * gone (404) as soon as the bundle stops, and is back when it starts again. Core paths stay core's.
 */
public class CanvasRouteIT extends GatewayTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CANVAS = "/__openclaw__/canvas/";

    private Bundle canvasBundle() {
        return Arrays.stream(context().getBundles())
                .filter(b -> "dev.talon.node.canvas".equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("node-canvas is not in the shipped bundle set"));
    }

    @Test
    public void canvasRouteFollowsItsBundleStopAndStart() throws Exception {
        Await.until("canvas host answers 200", WAIT, () -> httpStatus(CANVAS) == 200);
        HttpResponse<String> root = httpGet(port(), CANVAS);
        assertTrue(root.body(), root.body().contains("Talon canvas"));
        assertEquals(
                "nosniff", root.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(200, httpStatus("/__openclaw__/a2ui/"));

        Bundle canvas = canvasBundle();
        try {
            canvas.stop();
            assertEquals("stopping the bundle removes the route at once", 404, httpStatus(CANVAS));
            assertEquals(404, httpStatus("/__openclaw__/a2ui/a2ui.js"));
            assertEquals(200, httpStatus("/readyz"));
        } finally {
            canvas.start();
        }
        Await.until("canvas host is back after start", WAIT, () -> httpStatus(CANVAS) == 200);
    }

    @Test
    public void traversalIsRefusedAndCorePathsCannotBeShadowed() throws BundleException {
        Await.until("canvas host answers 200", WAIT, () -> httpStatus(CANVAS) == 200);
        for (String p : new String[] {
            CANVAS + "%2e%2e/%2e%2e/talon.json", CANVAS + "..%2f..%2ftalon.json", CANVAS + ".%2e/talon.json"
        }) {
            int s = httpStatus(p);
            assertTrue(p + " -> " + s, s == 400 || s == 404);
        }
        assertEquals(404, httpStatus("/__talon__/nothing-here"));
        assertEquals(404, httpStatus("/__openclaw__/cap/not-a-capability/"));
    }
}
