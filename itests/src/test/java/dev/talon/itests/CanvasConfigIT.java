package dev.talon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;

/**
 * The canvas host is configured from {@code talon.json} (protocol §5.6.3: {@code plugins.entries.canvas.config.host},
 * legacy {@code canvasHost}): a root edit is served within {@value #APPLY_WITHIN_MS} ms without a restart, an
 * invalid edit keeps the root in force, removing the keys goes back to the default root, {@code enabled:false}
 * takes the host down.
 */
public class CanvasConfigIT extends GatewayTestSupport {
    static final long APPLY_WITHIN_MS = 2_000;
    private static final Duration APPLY_WITHIN = Duration.ofMillis(APPLY_WITHIN_MS);
    private static final String CANVAS = "/__openclaw__/canvas/";

    @After
    public void restoreOriginalConfig() {
        writeConfig(stateDir(), gatewayJson(port(), TOKEN));
        Await.until("the default canvas root is served again", Duration.ofSeconds(10), () -> body(CANVAS)
                .contains("Talon canvas"));
    }

    @Test
    public void aRootEditInTalonJsonIsServedLiveAndABadEditKeepsIt() throws IOException {
        Path a = root("root-a", "canvas root A");
        Path b = root("root-b", "canvas root B");
        long t0 = System.nanoTime();
        writeConfig(stateDir(), withCanvas("plugins:{entries:{canvas:{config:{host:{root:'" + a + "'}}}}}"));
        Await.until("root A is served", APPLY_WITHIN, () -> body(CANVAS).contains("canvas root A"));
        assertTrue(
                "applied within " + APPLY_WITHIN_MS + " ms", (System.nanoTime() - t0) / 1_000_000 <= APPLY_WITHIN_MS);

        writeConfig(stateDir(), withCanvas("plugins:{entries:{canvas:{config:{host:{root:'" + b + "'}}}}}"));
        Await.until("root B is served", APPLY_WITHIN, () -> body(CANVAS).contains("canvas root B"));

        long logOffset = ConfigReloadIT.logSize();
        writeConfig(stateDir(), withCanvas("plugins:{entries:{canvas:{config:{host:{root:'relative/dir'}}}}}"));
        Await.until("the loader logs the rejection", Duration.ofSeconds(5), () -> ConfigReloadIT.logSince(logOffset)
                .contains(ConfigReloadIT.REJECTED));
        assertTrue("root B stays in force", body(CANVAS).contains("canvas root B"));

        Path c = root("root-c", "canvas root C");
        writeConfig(stateDir(), withCanvas("canvasHost:{root:'" + c + "'}"));
        Await.until("the legacy key works too", APPLY_WITHIN, () -> body(CANVAS).contains("canvas root C"));

        writeConfig(stateDir(), gatewayJson(port(), TOKEN));
        Await.until("removing the keys restores the default root", APPLY_WITHIN, () -> body(CANVAS)
                .contains("Talon canvas"));
    }

    @Test
    public void hostEnabledFalseTakesTheCanvasAndA2uiRoutesDown() {
        writeConfig(stateDir(), withCanvas("plugins:{entries:{canvas:{config:{host:{enabled:false}}}}}"));
        Await.until("the canvas host answers 404", APPLY_WITHIN, () -> httpStatus(CANVAS) == 404);
        assertEquals(404, httpStatus("/__openclaw__/a2ui/"));
        writeConfig(stateDir(), withCanvas("plugins:{entries:{canvas:{config:{host:{enabled:true}}}}}"));
        Await.until("the canvas host is back", APPLY_WITHIN, () -> httpStatus(CANVAS) == 200);
        assertEquals(200, httpStatus("/__openclaw__/a2ui/"));
    }

    private String withCanvas(String section) {
        String gw = gatewayJson(port(), TOKEN);
        return gw.substring(0, gw.length() - 1) + "," + section + "}";
    }

    private static Path root(String name, String text) throws IOException {
        Path dir = Files.createDirectories(stateDir().resolve(name));
        Files.writeString(dir.resolve("index.html"), "<html><body>" + text + "</body></html>");
        return dir;
    }

    private static String body(String path) {
        try {
            HttpResponse<String> r = httpGet(port(), path);
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
