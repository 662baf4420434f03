package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approved node command surfaces and pending surface requests, persisted in {@code <state>/data/nodes/nodes.json}
 * with crash-safe replaces. Pending surface requests do not expire (protocol §3.2). Synchronized; short.
 */
@Component(service = NodeApprovals.class)
public final class NodeApprovals {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An approved surface. */
    public record Approved(
            String nodeId, String displayName, List<String> caps, List<String> commands, long approvedAtMs) {}

    /** A pending surface request (the {@code node.pair.requested} payload). */
    public record Pending(
            String requestId,
            String nodeId,
            String displayName,
            String platform,
            String version,
            String deviceFamily,
            List<String> caps,
            List<String> commands,
            Map<String, Boolean> permissions,
            String remoteIp,
            boolean silent,
            long ts) {}

    /** The latest durable sign of life of a node ({@code node.presence.alive}). */
    public record Seen(long atMs, String reason) {}

    /** The file's root object. */
    record StoreFile(Map<String, Approved> approved, Map<String, Pending> pending, Map<String, Seen> lastSeen) {}

    private final StateDirectory state;
    private final Path file;
    /** Written under this object's lock; read without it ({@link #approved(String)} is on the invoke path). */
    private final Map<String, Approved> approved = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Seen> lastSeen = new LinkedHashMap<>();

    @Activate
    public NodeApprovals(@Reference StateDirectory state) throws IOException {
        this.state = state;
        this.file = state.data("nodes").resolve("nodes.json");
        if (Files.exists(file)) {
            StoreFile f = JSON.readValue(Files.readAllBytes(file), StoreFile.class);
            approved.putAll(f.approved() == null ? Map.of() : f.approved());
            pending.putAll(f.pending() == null ? Map.of() : f.pending());
            lastSeen.putAll(f.lastSeen() == null ? Map.of() : f.lastSeen());
        }
    }

    /** Lock-free: never waits for a store write in progress. */
    public Optional<Approved> approved(String nodeId) {
        return Optional.ofNullable(approved.get(nodeId));
    }

    public synchronized Optional<Seen> lastSeen(String nodeId) {
        return Optional.ofNullable(lastSeen.get(nodeId));
    }

    /** Records (durably) that the node was alive at {@code atMs}, for {@code reason} (the beacon's trigger). */
    public synchronized void seen(String nodeId, long atMs, String reason) {
        lastSeen.put(nodeId, new Seen(atMs, reason));
        save();
    }

    /** In approval order (oldest first, then by node id). */
    public synchronized List<Approved> allApproved() {
        return approved.values().stream()
                .sorted(java.util.Comparator.comparingLong(Approved::approvedAtMs)
                        .thenComparing(Approved::nodeId))
                .toList();
    }

    public synchronized List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    /** The pending request of {@code nodeId}, if any. */
    public synchronized Optional<Pending> pendingFor(String nodeId) {
        return pending.values().stream().filter(p -> p.nodeId().equals(nodeId)).findFirst();
    }

    /**
     * Records that {@code asked} declared a surface beyond its approval: reuses the node's pending request
     * when it asks for the same, else replaces it. Returns the request and whether it is new.
     */
    public synchronized Map.Entry<Pending, Boolean> request(Pending asked) {
        Optional<Pending> existing = pendingFor(asked.nodeId());
        if (existing.isPresent()
                && existing.get().commands().equals(asked.commands())
                && existing.get().caps().equals(asked.caps())) {
            return Map.entry(existing.get(), false);
        }
        existing.ifPresent(p -> pending.remove(p.requestId()));
        Pending fresh = new Pending(
                "nr_" + UUID.randomUUID().toString().replace("-", ""),
                asked.nodeId(),
                asked.displayName(),
                asked.platform(),
                asked.version(),
                asked.deviceFamily(),
                asked.caps(),
                asked.commands(),
                asked.permissions(),
                asked.remoteIp(),
                false,
                System.currentTimeMillis());
        pending.put(fresh.requestId(), fresh);
        save();
        return Map.entry(fresh, true);
    }

    /** Clears a stale pending request (the node now declares no more than approved). */
    public synchronized Optional<Pending> clearPending(String nodeId) {
        Optional<Pending> p = pendingFor(nodeId);
        p.ifPresent(r -> {
            pending.remove(r.requestId());
            save();
        });
        return p;
    }

    /** Approves a pending request: its surface becomes the node's approved surface (merged with the old one). */
    public synchronized Optional<Approved> approve(String requestId) {
        Pending p = pending.remove(requestId);
        if (p == null) {
            return Optional.empty();
        }
        Approved old = approved.get(p.nodeId());
        Approved a = new Approved(
                p.nodeId(),
                p.displayName(),
                union(old == null ? List.of() : old.caps(), p.caps()),
                union(old == null ? List.of() : old.commands(), p.commands()),
                System.currentTimeMillis());
        approved.put(a.nodeId(), a);
        save();
        return Optional.of(a);
    }

    public synchronized Optional<Pending> reject(String requestId) {
        Pending p = pending.remove(requestId);
        if (p != null) {
            save();
        }
        return Optional.ofNullable(p);
    }

    /** Forgets a node's approved surface and pending request; false when nothing was known. */
    public synchronized boolean remove(String nodeId) {
        boolean known = approved.remove(nodeId) != null;
        known |= pending.values().removeIf(p -> p.nodeId().equals(nodeId));
        lastSeen.remove(nodeId);
        if (known) {
            save();
        }
        return known;
    }

    /** Sets the display name of an approved node. */
    public synchronized Optional<Approved> rename(String nodeId, String displayName) {
        Approved a = approved.get(nodeId);
        if (a == null) {
            return Optional.empty();
        }
        Approved renamed = new Approved(a.nodeId(), displayName, a.caps(), a.commands(), a.approvedAtMs());
        approved.put(nodeId, renamed);
        save();
        return Optional.of(renamed);
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private void save() {
        try {
            state.writeAtomically(
                    file,
                    JSON.writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(new StoreFile(approved, pending, lastSeen)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist node approvals " + file, e);
        }
    }
}
