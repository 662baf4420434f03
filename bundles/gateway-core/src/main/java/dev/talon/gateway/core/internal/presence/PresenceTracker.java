package dev.talon.gateway.core.internal.presence;

import dev.talon.gateway.api.GatewayEvent;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.conn.ConnectionHub;
import dev.talon.gateway.core.internal.conn.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Presence: the gateway's own entry plus one per non-ephemeral client, expiring 5 minutes after their last
 * refresh, at most {@value #MAX_ENTRIES}. Every change broadcasts a droppable {@code presence} event to
 * {@code operator.read} holders with a bumped {@code stateVersion.presence}.
 */
@Component(service = PresenceTracker.class)
public final class PresenceTracker {
    public static final long TTL_MS = 300_000;
    public static final int MAX_ENTRIES = 200;

    private final ConnectionHub hub;
    private final Map<String, Object> self;
    private final Map<String, Map<String, Object>> entries = new ConcurrentHashMap<>();
    /** The most recent system-event texts, oldest first, bounded by {@value #MAX_QUEUED_EVENTS}. */
    private final java.util.Deque<String> systemEvents = new java.util.concurrent.ConcurrentLinkedDeque<>();

    public static final int MAX_QUEUED_EVENTS = 20;

    @Activate
    public PresenceTracker(@Reference ConnectionHub hub) {
        this.hub = hub;
        this.self = HostInfo.selfEntry();
    }

    /** Records a client connect (ephemeral clients are not listed) and broadcasts. */
    public void connected(String key, Principal p, String ip) {
        if (p.ephemeral()) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(
                "host",
                p.client().displayName() != null
                        ? p.client().displayName()
                        : p.client().id());
        if (ip != null && !p.client().loopback()) {
            e.put("ip", ip);
        }
        putIfPresent(e, "version", p.client().version());
        putIfPresent(e, "platform", p.client().platform());
        putIfPresent(e, "deviceFamily", p.client().deviceFamily());
        e.put("mode", p.client().mode());
        putIfPresent(e, "deviceId", p.deviceId());
        e.put("roles", List.of(p.role()));
        e.put("scopes", List.copyOf(p.scopes()));
        putIfPresent(e, "instanceId", p.client().instanceId());
        e.put("reason", "connect");
        e.put("ts", System.currentTimeMillis());
        upsert(key, e);
    }

    /** Marks a client's entry as disconnected (kept until its TTL) and broadcasts. */
    public void disconnected(String key, Principal p) {
        if (p.ephemeral()) {
            return;
        }
        Map<String, Object> old = entries.get(key);
        if (old != null) {
            Map<String, Object> e = new LinkedHashMap<>(old);
            e.put("reason", "disconnect");
            e.put("ts", System.currentTimeMillis());
            upsert(key, e);
        }
    }

    /** Upserts an entry from {@code system-event} and broadcasts. */
    public void upsert(String key, Map<String, Object> entry) {
        entries.put(key, Map.copyOf(entry));
        prune();
        hub.publish(
                GatewayEvent.of("presence", Map.of("presence", list()))
                        .guardedBy(Scopes.READ)
                        .dropIfSlow(),
                hub.bumpPresence());
    }

    /** Queues a system-event text for the main session; the oldest is dropped beyond the bound. */
    public void recordSystemEvent(String text) {
        systemEvents.addLast(text);
        while (systemEvents.size() > MAX_QUEUED_EVENTS) {
            systemEvents.pollFirst();
        }
    }

    /** The queued system-event texts, oldest first. */
    public List<String> queuedSystemEvents() {
        return List.copyOf(systemEvents);
    }

    /** Live entries, newest first, the gateway's own entry included. */
    public List<Map<String, Object>> list() {
        long cutoff = System.currentTimeMillis() - TTL_MS;
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> me = new LinkedHashMap<>(self);
        me.put("ts", System.currentTimeMillis());
        out.add(me);
        entries.values().stream()
                .filter(e -> ts(e) >= cutoff)
                .sorted(Comparator.comparingLong(PresenceTracker::ts).reversed())
                .forEach(out::add);
        return out;
    }

    private void prune() {
        long cutoff = System.currentTimeMillis() - TTL_MS;
        entries.values().removeIf(e -> ts(e) < cutoff);
        if (entries.size() > MAX_ENTRIES) {
            entries.entrySet().stream()
                    .sorted(Comparator.comparingLong(en -> ts(en.getValue())))
                    .limit(entries.size() - MAX_ENTRIES)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(entries::remove);
        }
    }

    private static long ts(Map<String, Object> e) {
        return e.get("ts") instanceof Number n ? n.longValue() : 0;
    }

    private static void putIfPresent(Map<String, Object> e, String k, Object v) {
        if (v != null) {
            e.put(k, v);
        }
    }
}
