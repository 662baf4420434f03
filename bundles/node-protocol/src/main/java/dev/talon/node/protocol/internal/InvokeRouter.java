package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.MethodCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invokes in flight: operator call → {@code node.invoke.request} to the node → the node's
 * {@code node.invoke.result} completes the call. The caller's deadline and the node's disconnect answer the
 * call at once ({@code TIMEOUT}, {@code DISCONNECTED}); a result that comes later is discarded. Each request
 * carries the remaining budget as {@code timeoutMs}; a {@code NODE_NOT_READY} refusal is retried (new invoke
 * id) up to {@value #MAX_NOT_READY_RETRIES} times within the same deadline. Progress chunks reach only the
 * operator connection that made the invoke.
 *
 * <p>Deadlines: one timer task sweeps the pending map every {@value #SWEEP_MS} ms instead of a scheduled task
 * per invoke, whose cancellation left a dead entry in the timer queue for the whole timeout (at thousands of
 * invokes per second, tens of thousands of entries and a queue lock on every call). A deadline fires at most
 * {@value #SWEEP_MS} ms late.
 */
@Component(service = InvokeRouter.class)
public final class InvokeRouter {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_NOT_READY_RETRIES = 4;
    static final long SWEEP_MS = 50;

    /**
     * What to forward.
     *
     * @param params the validated params, or null
     * @param deadlineNanos the caller's deadline on the {@link System#nanoTime()} clock
     */
    record Invoke(
            String nodeId,
            String connectionId,
            String command,
            JsonNode params,
            String idempotencyKey,
            String sessionKey,
            long deadlineNanos) {}

    /** Who waits for an invoke's outcome: a {@link MethodCall}, or the Gogo shell. */
    interface Caller {
        /** The connection progress chunks go to; null when there is none. */
        String connectionId();

        boolean respond(Object payload);

        boolean fail(GatewayException error);

        static Caller of(MethodCall call) {
            return new Caller() {
                @Override
                public String connectionId() {
                    return call.connectionId();
                }

                @Override
                public boolean respond(Object payload) {
                    return call.respond(payload);
                }

                @Override
                public boolean fail(GatewayException error) {
                    return call.fail(error);
                }
            };
        }
    }

    private record Pending(Caller call, Invoke invoke, int retries) {}

    private final NodeEvents events;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "talon-node-invokes");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public InvokeRouter(@Reference NodeEvents events) {
        this.events = events;
        timers.scheduleWithFixedDelay(this::expireDue, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timers.shutdownNow();
        pending.values().forEach(p -> p.call().fail(nodeError("UNAVAILABLE", "node routing stopped", true)));
    }

    /** Sends the request to the node; the call completes on the result, the deadline or the node's disconnect. */
    void dispatch(Caller call, Invoke invoke) {
        send(call, invoke, 0);
    }

    private void send(Caller call, Invoke invoke, int retries) {
        long remainingNanos = invoke.deadlineNanos() - System.nanoTime();
        if (remainingNanos <= 0) {
            call.fail(nodeError("TIMEOUT", "node invoke timed out", retries > 0));
            return;
        }
        long remainingMs = (remainingNanos + 999_999) / 1_000_000; // ceil: the node never gets less than is left
        String id = newInvokeId();
        pending.put(id, new Pending(call, invoke, retries));
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("id", id);
        req.put("nodeId", invoke.nodeId());
        req.put("command", invoke.command());
        JsonNode params = invoke.params();
        req.put("paramsJSON", params == null || params.isNull() ? null : JSON.writeValueAsString(params));
        req.put("timeoutMs", remainingMs);
        putIfPresent(req, "idempotencyKey", invoke.idempotencyKey());
        putIfPresent(req, "sessionKey", invoke.sessionKey());
        if (!events.sendTo(invoke.connectionId(), "node.invoke.request", req)) {
            finish(id).ifPresent(p -> p.call().fail(nodeError("UNAVAILABLE", "failed to send invoke to node", false)));
        }
    }

    /**
     * Completes an invoke with the node's answer.
     *
     * @return false when no such invoke is pending for this node (unknown, expired, or another node's)
     */
    boolean result(
            String nodeId, String id, boolean ok, JsonNode payload, String payloadJson, String code, String message) {
        Pending p = pending.get(id);
        if (p == null || !p.invoke().nodeId().equals(nodeId) || finish(id).isEmpty()) {
            return false;
        }
        if (ok) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ok", true);
            r.put("nodeId", nodeId);
            r.put("command", p.invoke().command());
            r.put("payload", payloadJson != null ? parse(payloadJson) : payload);
            r.put("payloadJSON", payloadJson);
            p.call().respond(r);
        } else if ("NODE_NOT_READY".equals(code) && p.retries() < MAX_NOT_READY_RETRIES) {
            send(p.call(), p.invoke(), p.retries() + 1); // refused before it started: safe to ask again
        } else {
            p.call()
                    .fail(nodeError(
                            code == null ? "NODE_ERROR" : code,
                            message == null ? "node command failed" : message,
                            true));
        }
        return true;
    }

    /**
     * Forwards a progress chunk of a pending invoke to the operator connection that made it.
     *
     * @return false when no such invoke is pending for this node (the chunk is ignored)
     */
    boolean progress(String nodeId, String id, long seq, String chunk) {
        Pending p = pending.get(id);
        if (p == null || !p.invoke().nodeId().equals(nodeId)) {
            return false;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("invokeId", id);
        ev.put("nodeId", nodeId);
        ev.put("command", p.invoke().command());
        putIfPresent(ev, "idempotencyKey", p.invoke().idempotencyKey());
        ev.put("seq", seq);
        ev.put("chunk", chunk);
        if (p.call().connectionId() != null) {
            events.sendTo(p.call().connectionId(), "node.invoke.progress", ev);
        }
        return true;
    }

    /** Fails every invoke dispatched to that connection of the node. */
    void nodeGone(String nodeId, String connectionId) {
        pending.forEach((id, p) -> {
            if (p.invoke().connectionId().equals(connectionId)) {
                finish(id).ifPresent(x -> x.call()
                        .fail(nodeError(
                                "DISCONNECTED",
                                "node disconnected (" + x.invoke().command() + ")",
                                true)));
            }
        });
    }

    int inFlight() {
        return pending.size();
    }

    /**
     * A random version-4 UUID. The id needs to be unique, not secret: a result is accepted only from the node
     * the invoke went to, which already knows it. {@link UUID#randomUUID()} draws from the shared
     * {@code SecureRandom} (a lock and a digest per id) and was a visible share of the invoke path.
     */
    static String newInvokeId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(msb, lsb).toString();
    }

    private void expireDue() {
        long now = System.nanoTime();
        pending.forEach((id, p) -> {
            if (now - p.invoke().deadlineNanos() >= 0) {
                expire(id);
            }
        });
    }

    private void expire(String id) {
        finish(id).ifPresent(p -> {
            events.sendTo(
                    p.invoke().connectionId(),
                    "node.invoke.cancel",
                    Map.of("invokeId", id, "nodeId", p.invoke().nodeId()));
            p.call().fail(nodeError("TIMEOUT", "node invoke timed out", true));
        });
    }

    private Optional<Pending> finish(String id) {
        return Optional.ofNullable(pending.remove(id));
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Object parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    static GatewayException nodeError(String code, String message, boolean dispatched) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("nodeError", Map.of("code", code, "message", message));
        d.put("nodeCommandDispatched", dispatched);
        return new GatewayException(ErrorCode.UNAVAILABLE, code + ": " + message, d, null, null);
    }
}
