package dev.talon.gateway.core.internal.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Caps unauthenticated sockets per client address ({@code gateway.maxPreauthPerIp}, default 32; protocol
 * §1.1.2; SECURITY.md section 1 "Pre-auth limits", R-05).
 *
 * <p>A holder (a connection id) {@link #acquire acquires} a slot when its socket opens and {@link #release
 * releases} it at hello-ok or close, whichever comes first; release is idempotent, so calling it on both paths
 * cannot free someone else's slot. Thread-safe and lock-free for different addresses: counts change only inside
 * {@link ConcurrentHashMap#compute}, and an address whose count drops to zero is removed, so memory is
 * proportional to the sockets currently in the handshake.
 *
 * <pre>{@code
 * if (!preauth.acquire(c.id(), clientIp)) { c.close(1013, PreauthLimiter.REASON); return; }
 * ... hello-ok or close:  preauth.release(c.id());
 * }</pre>
 */
public final class PreauthLimiter {
    /** Rejection text (HTTP 503 body message at upgrade, close reason after open). */
    public static final String REASON = "Too many unauthenticated sockets";

    private final IntSupplier max;
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    /** Holder id to the address it counts against; present exactly while the holder has a slot. */
    private final ConcurrentHashMap<String, String> holders = new ConcurrentHashMap<>();

    /** @param max the current per-address limit, read on every acquire */
    public PreauthLimiter(IntSupplier max) {
        this.max = max;
    }

    /**
     * Takes a slot for {@code holder} against {@code address}.
     *
     * @return true when admitted (also when {@code holder} already holds a slot), false when the address is at
     *     its limit; a refused holder holds nothing and needs no release
     */
    public boolean acquire(String holder, String address) {
        if (holders.containsKey(holder)) {
            return true;
        }
        int limit = max.getAsInt();
        boolean[] admitted = {false};
        perAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= limit) {
                return n;
            }
            admitted[0] = true;
            return holders.putIfAbsent(holder, a) == null ? count + 1 : n; // a racing duplicate acquire counts once
        });
        return admitted[0];
    }

    /** Frees {@code holder}'s slot if it holds one; further calls do nothing. Must not precede its acquire. */
    public void release(String holder) {
        String address = holders.remove(holder);
        if (address != null) {
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Whether a new socket from {@code address} would be admitted now (an early check at upgrade). */
    public boolean wouldAdmit(String address) {
        return perAddress.getOrDefault(address, 0) < max.getAsInt();
    }

    /** Unauthenticated sockets currently counted against {@code address}. */
    public int count(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    /** Slots held in total. */
    public int held() {
        return holders.size();
    }
}
