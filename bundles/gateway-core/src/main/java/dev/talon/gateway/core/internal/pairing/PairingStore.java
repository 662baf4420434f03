package dev.talon.gateway.core.internal.pairing;

import dev.talon.gateway.core.internal.config.TalonConfigLoader;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.pairing.PairingRecords.DeviceToken;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PairedDevice;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PendingRequest;
import dev.talon.gateway.core.internal.pairing.PairingRecords.StoreFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paired devices, pending pairing requests and device tokens, persisted in
 * {@code <state>/data/pairing.json} (mode 0600) with an atomic, fsync'd replace on every change, so a crash
 * at any point leaves the previous or the new state, never a torn file. All methods are synchronized: they
 * are short, call no foreign code, and the fsync'd write is part of the transaction.
 */
@Component(service = PairingStore.class)
public final class PairingStore {
    private static final Logger LOG = LoggerFactory.getLogger(PairingStore.class);
    public static final long PENDING_TTL_MS = 300_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    /** Guarded by this. */
    private final Map<String, PairedDevice> devices = new LinkedHashMap<>();
    /** Guarded by this. */
    private final Map<String, PendingRequest> pending = new LinkedHashMap<>();

    @Activate
    public PairingStore(@Reference TalonConfigLoader config) {
        this(config.stateDir().resolve("data/pairing.json"));
    }

    PairingStore(Path file) {
        this.file = file;
        load();
    }

    /** Builds Jackson's serializers for the store's records (no I/O), so the first pairing does not pay for it. */
    public void warmUp() {
        Json.WIRE.writerWithDefaultPrettyPrinter().writeValueAsBytes(new StoreFile(1, Map.of(), Map.of()));
    }

    public synchronized Optional<PairedDevice> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public synchronized List<PairedDevice> paired() {
        return List.copyOf(devices.values());
    }

    /** Pending requests that have not expired, oldest first. */
    public synchronized List<PendingRequest> pending() {
        prune(System.currentTimeMillis());
        return List.copyOf(pending.values());
    }

    /** The outcome of {@link #request}: the (new or refreshed) request and the ones it superseded. */
    public record Requested(PendingRequest request, List<PendingRequest> superseded, boolean fresh) {}

    /**
     * Records a pairing request. The same device asking for the same surface keeps its request id (its
     * {@code ts} is refreshed); a changed surface supersedes the device's older requests.
     */
    public synchronized Requested request(PendingRequest asked) {
        prune(asked.ts());
        List<PendingRequest> superseded = new ArrayList<>();
        for (PendingRequest p : List.copyOf(pending.values())) {
            if (p.deviceId().equals(asked.deviceId())) {
                if (p.sameSurface(asked)) {
                    PendingRequest refreshed = withId(asked, p.requestId());
                    pending.put(p.requestId(), refreshed);
                    save();
                    return new Requested(refreshed, List.of(), false);
                }
                superseded.add(pending.remove(p.requestId()));
            }
        }
        PendingRequest fresh = withId(asked, "r_" + UUID.randomUUID().toString().replace("-", ""));
        pending.put(fresh.requestId(), fresh);
        save();
        return new Requested(fresh, superseded, true);
    }

    /** Approves a pending request; the device's roles and scopes grow to include what it asked for. */
    public synchronized Optional<PairedDevice> approve(String requestId) {
        prune(System.currentTimeMillis());
        PendingRequest r = pending.remove(requestId);
        if (r == null) {
            return Optional.empty();
        }
        PairedDevice d = grant(r, System.currentTimeMillis());
        save();
        return Optional.of(d);
    }

    /** Pairs a device directly (silent local approval), without a pending request. */
    public synchronized PairedDevice approveSilently(PendingRequest r) {
        pending.values().removeIf(p -> p.deviceId().equals(r.deviceId()));
        PairedDevice d = grant(r, System.currentTimeMillis());
        save();
        return d;
    }

    public synchronized Optional<PendingRequest> reject(String requestId) {
        PendingRequest r = pending.remove(requestId);
        if (r != null) {
            save();
        }
        return Optional.ofNullable(r);
    }

    /** The device's token for {@code role}, reusing one that covers {@code scopes}, else issuing a new one. */
    public synchronized Optional<DeviceToken> ensureToken(String deviceId, String role, List<String> scopes) {
        PairedDevice d = devices.get(deviceId);
        if (d == null || !d.roles().contains(role)) {
            return Optional.empty();
        }
        DeviceToken t = d.tokens().get(role);
        if (t != null && t.scopes().containsAll(scopes)) {
            return Optional.of(t);
        }
        return Optional.of(putToken(d, role, scopes, t));
    }

    /**
     * Verifies a presented device token for the device and role.
     *
     * @return the token record when it matches, else empty
     */
    public synchronized Optional<DeviceToken> verifyToken(String deviceId, String role, String presented) {
        PairedDevice d = devices.get(deviceId);
        DeviceToken t = d == null ? null : d.tokens().get(role);
        if (t == null || presented == null) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(
                t.token().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return same ? Optional.of(t) : Optional.empty();
    }

    /** Issues a new token for the role (the old one stops working), with the given scopes. */
    public synchronized Optional<DeviceToken> rotate(String deviceId, String role, List<String> scopes) {
        PairedDevice d = devices.get(deviceId);
        if (d == null || !d.roles().contains(role)) {
            return Optional.empty();
        }
        return Optional.of(putToken(d, role, scopes, d.tokens().get(role)));
    }

    /** Revokes the role's token; it never works again (a new connect must be paired or re-approved). */
    public synchronized boolean revoke(String deviceId, String role) {
        PairedDevice d = devices.get(deviceId);
        if (d == null || !d.tokens().containsKey(role)) {
            return false;
        }
        Map<String, DeviceToken> tokens = new LinkedHashMap<>(d.tokens());
        tokens.remove(role);
        devices.put(deviceId, copy(d, d.roles(), d.scopes(), tokens, d.label()));
        save();
        return true;
    }

    public synchronized boolean remove(String deviceId) {
        boolean removed = devices.remove(deviceId) != null;
        pending.values().removeIf(p -> p.deviceId().equals(deviceId));
        if (removed) {
            save();
        }
        return removed;
    }

    public synchronized Optional<PairedDevice> rename(String deviceId, String label) {
        PairedDevice d = devices.get(deviceId);
        if (d == null) {
            return Optional.empty();
        }
        PairedDevice renamed = copy(d, d.roles(), d.scopes(), d.tokens(), label);
        devices.put(deviceId, renamed);
        save();
        return Optional.of(renamed);
    }

    /** Guarded by this. */
    private PairedDevice grant(PendingRequest r, long now) {
        PairedDevice old = devices.get(r.deviceId());
        boolean sameKey = old != null && old.publicKey().equals(r.publicKey());
        List<String> roles = union(sameKey ? old.roles() : List.of(), List.of(r.role()));
        List<String> scopes = union(sameKey ? old.scopes() : List.of(), r.scopes());
        Map<String, DeviceToken> tokens = sameKey ? old.tokens() : Map.of();
        PairedDevice d = new PairedDevice(
                r.deviceId(),
                r.publicKey(),
                r.displayName(),
                r.platform(),
                r.deviceFamily(),
                r.clientId(),
                r.clientMode(),
                roles,
                scopes,
                tokens,
                r.remoteIp(),
                sameKey ? old.createdAtMs() : now,
                now,
                now,
                sameKey ? old.label() : null);
        devices.put(d.deviceId(), d);
        return d;
    }

    /** Guarded by this. */
    private DeviceToken putToken(PairedDevice d, String role, List<String> scopes, DeviceToken previous) {
        long now = System.currentTimeMillis();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        DeviceToken t = new DeviceToken(
                value,
                role,
                List.copyOf(scopes),
                previous == null ? now : previous.createdAtMs(),
                previous == null ? null : now);
        Map<String, DeviceToken> tokens = new LinkedHashMap<>(d.tokens());
        tokens.put(role, t);
        devices.put(d.deviceId(), copy(d, d.roles(), d.scopes(), tokens, d.label()));
        save();
        return t;
    }

    private static PairedDevice copy(
            PairedDevice d, List<String> roles, List<String> scopes, Map<String, DeviceToken> tokens, String label) {
        return new PairedDevice(
                d.deviceId(),
                d.publicKey(),
                d.displayName(),
                d.platform(),
                d.deviceFamily(),
                d.clientId(),
                d.clientMode(),
                roles,
                scopes,
                tokens,
                d.remoteIp(),
                d.createdAtMs(),
                d.approvedAtMs(),
                d.lastSeenAtMs(),
                label);
    }

    private static PendingRequest withId(PendingRequest r, String id) {
        return new PendingRequest(
                id,
                r.deviceId(),
                r.publicKey(),
                r.displayName(),
                r.platform(),
                r.deviceFamily(),
                r.clientId(),
                r.clientMode(),
                r.role(),
                r.roles(),
                r.scopes(),
                r.remoteIp(),
                r.silent(),
                r.isRepair(),
                r.ts());
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    /** Guarded by this. */
    private void prune(long now) {
        if (pending.values().removeIf(p -> now - p.ts() > PENDING_TTL_MS)) {
            save();
        }
    }

    /** Guarded by this. */
    private void save() {
        try {
            AtomicFile.write(
                    file,
                    Json.WIRE.writerWithDefaultPrettyPrinter().writeValueAsBytes(new StoreFile(1, devices, pending)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the pairing store " + file, e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            StoreFile f = Json.WIRE.readValue(Files.readAllBytes(file), StoreFile.class);
            if (f.devices() != null) {
                devices.putAll(f.devices());
            }
            if (f.pending() != null) {
                pending.putAll(f.pending());
            }
            LOG.info("Pairing store: {} paired device(s), {} pending request(s)", devices.size(), pending.size());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the pairing store " + file + ": " + e.getMessage(), e);
        }
    }
}
