package dev.talon.node.protocol.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's node command policy (protocol §3.7): which commands a node may run, given its platform,
 * the commands installed families allow by default and {@code gateway.nodes.commands.allow|deny}. Immutable
 * and thread-safe; a configuration change builds a new instance.
 *
 * <p>allowlist = platform defaults + family defaults + talk PTT (for talk nodes) + {@code allow}, where the
 * defaults never include a dangerous command (only {@code allow} can), minus {@code deny} (which always wins),
 * minus the private worker commands (never invocable by operators).
 *
 * @param allow {@code gateway.nodes.commands.allow}
 * @param deny {@code gateway.nodes.commands.deny}
 */
public record CommandPolicy(Set<String> allow, Set<String> deny) {
    /** Refusal reason ({@code details.reason}): outside the platform, family and configured allowlist. */
    public static final String NOT_ALLOWLISTED = "command not allowlisted";
    /** Refusal reason: listed in {@code gateway.nodes.commands.deny}. */
    public static final String DENIED = "command blocked by gateway.nodes.commands.deny";
    /** Refusal reason: a dangerous command that {@code gateway.nodes.commands.allow} does not list. */
    public static final String DANGEROUS_NOT_ALLOWED = "dangerous command requires gateway.nodes.commands.allow";

    /** Platform ids of the default table. */
    public static final String IOS = "ios", WATCHOS = "watchos", ANDROID = "android", MACOS = "macos";

    public static final String LINUX = "linux", WINDOWS = "windows", UNKNOWN = "unknown";

    /** No configured allow or deny. */
    public static final CommandPolicy DEFAULTS = new CommandPolicy(Set.of(), Set.of());

    static final Set<String> DANGEROUS = Set.of(
            "camera.snap",
            "camera.clip",
            "camera.ptz.control",
            "screen.record",
            "contacts.add",
            "calendar.add",
            "reminders.add",
            "health.summary",
            "sms.send",
            "sms.search");

    static final Set<String> ADMIN_ONLY =
            Set.of("browser.proxy", "browser.proxy.upload.v1", "fs.listDir", "terminal.upload");

    static final Set<String> PRIVATE = Set.of(
            "worker.bundle.install.v1",
            "worker.launch.v1",
            "worker.status.v1",
            "worker.cancel.v1",
            "worker.environment.stop.v1",
            "worker.workspace.exec.v1",
            "worker.workspace.prepare.v1",
            "worker.workspace.retain.v1",
            "worker.desktop.stream.v1",
            "worker.desktop.launch.v1",
            "worker.desktop.computer.v1",
            "worker.portal.stream.v1");

    static final Set<String> TALK_PTT = Set.of("talk.ptt.start", "talk.ptt.stop", "talk.ptt.cancel", "talk.ptt.once");

    private static final List<String> DESKTOP_HOST = List.of(
            "system.run.prepare",
            "system.run",
            "system.which",
            "system.execApprovals.get",
            "system.execApprovals.set",
            "fs.listDir",
            "terminal.upload",
            "system.notify",
            "browser.proxy",
            "browser.proxy.upload.v1",
            "mcp.tools.call.v1",
            "agent.cli.claude.run.v1");

    private static final List<String> IOS_SET = List.of(
            "camera.list",
            "location.get",
            "device.info",
            "device.status",
            "contacts.search",
            "calendar.events",
            "reminders.list",
            "photos.latest",
            "motion.activity",
            "motion.pedometer",
            "system.notify");

    private static final Map<String, Set<String>> PLATFORM_DEFAULTS = Map.of(
            IOS, Set.copyOf(IOS_SET),
            WATCHOS, Set.of("device.info", "device.status", "system.notify"),
            ANDROID,
                    Set.of(
                            "camera.list",
                            "location.get",
                            "notifications.list",
                            "notifications.actions",
                            "system.notify",
                            "device.info",
                            "device.status",
                            "device.permissions",
                            "device.health",
                            "device.apps",
                            "contacts.search",
                            "calendar.events",
                            "callLog.search",
                            "reminders.list",
                            "photos.latest",
                            "motion.activity",
                            "motion.pedometer",
                            "mobile.ui.observe",
                            "mobile.ui.act"),
            MACOS,
                    union(
                            IOS_SET,
                            DESKTOP_HOST,
                            List.of(
                                    "camera.ptz.status",
                                    "device.apps",
                                    "computer.act",
                                    "screen.snapshot",
                                    "desktop.stream")),
            LINUX, union(DESKTOP_HOST, List.of("screen.snapshot", "desktop.stream", "computer.act")),
            WINDOWS,
                    union(
                            DESKTOP_HOST,
                            List.of(
                                    "screen.snapshot",
                                    "desktop.stream",
                                    "computer.act",
                                    "camera.list",
                                    "location.get",
                                    "device.info",
                                    "device.status")),
            UNKNOWN, Set.of("camera.list", "location.get", "system.notify"));

    public CommandPolicy {
        allow = trimmed(allow);
        deny = trimmed(deny);
    }

    /** A policy from the configured arrays (null means empty). */
    public static CommandPolicy of(String[] allow, String[] deny) {
        return new CommandPolicy(
                allow == null ? Set.of() : Set.of(distinct(allow)), deny == null ? Set.of() : Set.of(distinct(deny)));
    }

    /** Whether {@code command} is a private worker control ({@code worker.*.v1}), never invocable by operators. */
    public static boolean isPrivate(String command) {
        return PRIVATE.contains(command) || (command.startsWith("worker.") && command.endsWith(".v1"));
    }

    /** Whether only {@code operator.admin} callers may invoke {@code command}. */
    public static boolean isAdminOnly(String command) {
        return ADMIN_ONLY.contains(command);
    }

    /** Whether {@code command} needs an explicit {@code gateway.nodes.commands.allow} entry. */
    public static boolean isDangerous(String command) {
        return DANGEROUS.contains(command);
    }

    /**
     * The platform id of the default table for a node's declared {@code platform} and {@code deviceFamily}
     * (e.g. {@code "iOS 18.4.0"}/{@code iPhone} → ios, {@code darwin}/{@code Mac} → macos).
     */
    public static String platformId(String platform, String deviceFamily) {
        String id = byPlatform(lower(platform));
        return UNKNOWN.equals(id) ? byFamily(lower(deviceFamily)) : id;
    }

    /**
     * Why {@code command} is outside this policy for a node, or null when the policy allows it.
     *
     * @param platformId see {@link #platformId}
     * @param familyDefaults the commands installed families allow by default on that platform
     * @param talk whether the node has the {@code talk} cap or declares {@code talk.*} commands
     */
    public String refusal(String command, String platformId, Collection<String> familyDefaults, boolean talk) {
        if (isPrivate(command)) {
            return NOT_ALLOWLISTED;
        }
        if (deny.contains(command)) {
            return DENIED;
        }
        if (allow.contains(command)) {
            return null;
        }
        if (isDangerous(command)) {
            return DANGEROUS_NOT_ALLOWED;
        }
        boolean byDefault = PLATFORM_DEFAULTS
                        .getOrDefault(platformId, PLATFORM_DEFAULTS.get(UNKNOWN))
                        .contains(command)
                || familyDefaults.contains(command)
                || (talk && TALK_PTT.contains(command));
        return byDefault ? null : NOT_ALLOWLISTED;
    }

    private static String byPlatform(String p) {
        if (p.startsWith("ios") || p.startsWith("ipados")) {
            return IOS;
        }
        if (p.startsWith("watchos")) {
            return WATCHOS;
        }
        if (p.startsWith("android")) {
            return ANDROID;
        }
        if (p.startsWith("macos") || p.startsWith("darwin") || p.startsWith("mac")) {
            return MACOS;
        }
        if (p.startsWith("linux")) {
            return LINUX;
        }
        if (p.startsWith("windows") || p.startsWith("win32")) {
            return WINDOWS;
        }
        return UNKNOWN;
    }

    private static String byFamily(String f) {
        if (f.startsWith("iphone") || f.startsWith("ipad")) {
            return IOS;
        }
        if (f.startsWith("watch")) {
            return WATCHOS;
        }
        return byPlatform(f);
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    private static Set<String> union(List<String>... lists) {
        Set<String> s = new HashSet<>();
        for (List<String> l : lists) {
            s.addAll(l);
        }
        return Set.copyOf(s);
    }

    private static Set<String> trimmed(Set<String> in) {
        Set<String> s = new HashSet<>();
        in.forEach(c -> {
            if (c != null && !c.isBlank()) {
                s.add(c.trim());
            }
        });
        return Set.copyOf(s);
    }

    private static String[] distinct(String[] in) {
        return java.util.Arrays.stream(in)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
    }
}
