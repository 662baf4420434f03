package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.core.internal.conn.Connection;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.json.RawJson;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/** The core's {@link MethodCall}: one request on one connection, completed exactly once. Thread-safe. */
final class Call implements MethodCall {
    private final Connection connection;
    private final String id;
    private final String method;
    private final JsonNode rawParams;
    private final AtomicBoolean done = new AtomicBoolean();
    /** Bound on {@link #extendDeadline} (7 days) so the nanosecond arithmetic cannot overflow. */
    private static final long MAX_EXTENSION_MS = 7L * 24 * 3_600_000;

    private final long startNanos;
    private volatile long deadlineNanos;
    private volatile long timeoutMs;
    private final Deadlines deadlines;
    private final Outcome outcome;
    private volatile JsonValue params;

    /** Told the outcome once (the idempotency cache). */
    interface Outcome {
        void completed(RawJson payload, GatewayException error);
    }

    Call(
            Connection connection,
            String id,
            String method,
            JsonNode rawParams,
            long timeoutMs,
            Deadlines deadlines,
            Outcome outcome) {
        this.outcome = outcome;
        this.connection = connection;
        this.id = id;
        this.method = method;
        this.rawParams = rawParams;
        this.timeoutMs = timeoutMs;
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + timeoutMs * 1_000_000L;
        this.deadlines = deadlines;
        deadlines.track(this);
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    @Override
    public synchronized void extendDeadline(long timeoutMs) {
        if (timeoutMs <= 0) {
            return;
        }
        long now = System.nanoTime();
        long extended = now + Math.min(timeoutMs, MAX_EXTENSION_MS) * 1_000_000L;
        if (extended - deadlineNanos > 0) {
            deadlineNanos = extended;
            this.timeoutMs = (extended - startNanos) / 1_000_000L;
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String connectionId() {
        return connection.id();
    }

    @Override
    public String role() {
        return connection.principal().role();
    }

    @Override
    public String httpBaseUrl() {
        return connection.httpBaseUrl();
    }

    @Override
    public Set<String> scopes() {
        return connection.principal().scopes();
    }

    @Override
    public ClientInfo client() {
        return connection.principal().client();
    }

    @Override
    public JsonValue params() {
        JsonValue p = params;
        if (p == null) {
            p = Json.toValue(rawParams);
            params = p;
        }
        return p;
    }

    @Override
    public JsonValue.JsonObject paramsObject() {
        if (params() instanceof JsonValue.JsonObject o) {
            return o;
        }
        throw GatewayException.invalidRequest("invalid " + method + " params: params must be an object");
    }

    @Override
    public boolean respond(Object payload) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelDeadline();
        RawJson raw;
        try {
            raw = payload == null ? null : payload instanceof RawJson r ? r : RawJson.of(payload);
        } catch (RuntimeException serializationFailure) {
            GatewayException e = ErrorMapper.map(method, serializationFailure);
            outcome.completed(null, e);
            connection.send(Frames.error(id, e));
            return true;
        }
        outcome.completed(raw, null);
        connection.send(Frames.okUtf8(id, raw));
        return true;
    }

    @Override
    public boolean fail(GatewayException error) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelDeadline();
        outcome.completed(null, error);
        connection.send(Frames.error(id, error));
        return true;
    }

    @Override
    public void completeWith(CompletionStage<?> stage) {
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                fail(ErrorMapper.map(method, failure));
            } else {
                respond(value);
            }
        });
    }

    @Override
    public boolean isDone() {
        return done.get();
    }

    private void cancelDeadline() {
        deadlines.untrack(this);
    }
}
