package dev.talon.node.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandPolicyTest {
    private static final Set<String> NO_FAMILY_DEFAULTS = Set.of();

    private static String refusal(CommandPolicy p, String command, String platform) {
        return p.refusal(command, platform, NO_FAMILY_DEFAULTS, false);
    }

    @Test
    void platformIdsFollowThePlatformThenTheDeviceFamily() {
        assertEquals(CommandPolicy.IOS, CommandPolicy.platformId("iOS 18.4.0", "iPhone"));
        assertEquals(CommandPolicy.IOS, CommandPolicy.platformId(null, "iPad"));
        assertEquals(CommandPolicy.MACOS, CommandPolicy.platformId("darwin", null));
        assertEquals(CommandPolicy.MACOS, CommandPolicy.platformId("something", "Mac"));
        assertEquals(CommandPolicy.LINUX, CommandPolicy.platformId("linux", "Linux"));
        assertEquals(CommandPolicy.WINDOWS, CommandPolicy.platformId("win32", null));
        assertEquals(CommandPolicy.ANDROID, CommandPolicy.platformId("Android 15", "Pixel"));
        assertEquals(CommandPolicy.WATCHOS, CommandPolicy.platformId("watchOS 11", "Watch"));
        assertEquals(CommandPolicy.UNKNOWN, CommandPolicy.platformId("plan9", "Toaster"));
    }

    @Test
    void platformDefaultsAllowTheirCommandsAndNothingElse() {
        CommandPolicy p = CommandPolicy.DEFAULTS;
        assertNull(refusal(p, "system.run", CommandPolicy.LINUX));
        assertNull(refusal(p, "screen.snapshot", CommandPolicy.LINUX));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "location.get", CommandPolicy.LINUX));
        assertNull(refusal(p, "location.get", CommandPolicy.IOS));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "system.run", CommandPolicy.IOS));
        assertNull(refusal(p, "camera.list", CommandPolicy.UNKNOWN));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "system.run", "no-such-platform"));
    }

    @Test
    void dangerousCommandsNeedAnExplicitAllowEvenWhereAFamilyDefaultsThem() {
        assertEquals(
                CommandPolicy.DANGEROUS_NOT_ALLOWED,
                CommandPolicy.DEFAULTS.refusal("camera.snap", CommandPolicy.MACOS, Set.of("camera.snap"), false));
        assertEquals(CommandPolicy.DANGEROUS_NOT_ALLOWED, refusal(CommandPolicy.DEFAULTS, "screen.record", "linux"));
        CommandPolicy allowed = CommandPolicy.of(new String[] {"camera.snap", " screen.record "}, null);
        assertNull(refusal(allowed, "camera.snap", CommandPolicy.LINUX));
        assertNull(refusal(allowed, "screen.record", CommandPolicy.LINUX));
    }

    @Test
    void denyWinsOverDefaultsAndAllow() {
        CommandPolicy p = CommandPolicy.of(new String[] {"camera.snap"}, new String[] {"camera.snap", "system.which"});
        assertEquals(CommandPolicy.DENIED, refusal(p, "camera.snap", CommandPolicy.LINUX));
        assertEquals(CommandPolicy.DENIED, refusal(p, "system.which", CommandPolicy.LINUX));
        assertNull(refusal(p, "system.run", CommandPolicy.LINUX));
    }

    @Test
    void familyDefaultsAndTalkExtendThePlatformTable() {
        CommandPolicy p = CommandPolicy.DEFAULTS;
        assertNull(p.refusal("canvas.present", CommandPolicy.MACOS, Set.of("canvas.present"), false));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "canvas.present", CommandPolicy.MACOS));
        assertNull(p.refusal("talk.ptt.start", CommandPolicy.LINUX, NO_FAMILY_DEFAULTS, true));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "talk.ptt.start", CommandPolicy.LINUX));
    }

    @Test
    void privateWorkerCommandsAreNeverAllowedNotEvenByConfig() {
        CommandPolicy p = CommandPolicy.of(new String[] {"worker.launch.v1", "worker.future.v1"}, null);
        assertTrue(CommandPolicy.isPrivate("worker.launch.v1"));
        assertTrue(CommandPolicy.isPrivate("worker.future.v1"));
        assertFalse(CommandPolicy.isPrivate("worker.launch"));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "worker.launch.v1", CommandPolicy.LINUX));
        assertEquals(CommandPolicy.NOT_ALLOWLISTED, refusal(p, "worker.future.v1", CommandPolicy.LINUX));
    }

    @Test
    void adminOnlyCommandsAreTheProtocolsList() {
        assertTrue(CommandPolicy.isAdminOnly("fs.listDir"));
        assertTrue(CommandPolicy.isAdminOnly("browser.proxy"));
        assertFalse(CommandPolicy.isAdminOnly("system.run"));
    }
}
