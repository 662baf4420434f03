package dev.talon.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCacheTest {
    @TempDir
    Path tmp;

    @Test
    void theCacheIsKeptOnlyWhileTheBundleSetIsUnchanged() throws Exception {
        Path home = tmp.resolve("home");
        Path state = tmp.resolve("state");
        Files.createDirectories(home.resolve("bundle/boot"));
        Files.createDirectories(state.resolve("data/felix-cache"));
        Files.writeString(home.resolve("bundle/a.jar"), "a");
        Files.writeString(home.resolve("bundle/boot/b.jar"), "b");

        Properties first = new Properties();
        BundleCache.decide(home, state, first);
        assertNull(first.getProperty(BundleCache.CLEAN_PROPERTY), "first start cleans");

        Properties second = new Properties();
        BundleCache.decide(home, state, second);
        assertEquals("none", second.getProperty(BundleCache.CLEAN_PROPERTY), "unchanged restart keeps the cache");

        Files.writeString(home.resolve("bundle/a.jar"), "a, upgraded");
        Properties upgraded = new Properties();
        BundleCache.decide(home, state, upgraded);
        assertNull(upgraded.getProperty(BundleCache.CLEAN_PROPERTY), "an upgrade rebuilds the cache");
    }

    @Test
    void anExplicitSettingWins() throws Exception {
        Properties p = new Properties();
        p.setProperty(BundleCache.CLEAN_PROPERTY, "onFirstInit");
        BundleCache.decide(tmp, tmp, p);
        assertEquals("onFirstInit", p.getProperty(BundleCache.CLEAN_PROPERTY));
    }
}
