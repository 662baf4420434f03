package dev.talon.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void theFingerprintListsEveryJarBelowTheBundleFolderInOrder() throws Exception {
        Path bundles = tmp.resolve("bundle");
        Files.createDirectories(bundles.resolve("boot"));
        Files.writeString(bundles.resolve("z.jar"), "zz");
        Files.writeString(bundles.resolve("boot/b.jar"), "b");
        Files.writeString(bundles.resolve("notes.txt"), "not a bundle");
        String[] lines = BundleCache.fingerprint(bundles).split("\n");
        assertEquals(2, lines.length);
        assertEquals("boot/b.jar 1 ", lines[0].substring(0, "boot/b.jar 1 ".length()));
        assertEquals("z.jar 2 ", lines[1].substring(0, "z.jar 2 ".length()));
        String before = BundleCache.fingerprint(bundles);
        Files.writeString(bundles.resolve("boot/c.jar"), "c");
        assertNotEquals(before, BundleCache.fingerprint(bundles), "a new jar changes it");
    }

    @Test
    void anExplicitSettingWins() throws Exception {
        Properties p = new Properties();
        p.setProperty(BundleCache.CLEAN_PROPERTY, "onFirstInit");
        BundleCache.decide(tmp, tmp, p);
        assertEquals("onFirstInit", p.getProperty(BundleCache.CLEAN_PROPERTY));
    }
}
