package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.Scopes;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link MethodCall} made from the Gogo shell (an administrator's console, reached over the authenticated
 * control plane): runs a method handler of this bundle with the admin scope and collects its outcome.
 */
final class ShellCall implements MethodCall {
    private static final ClientInfo SHELL =
            new ClientInfo("gogo-shell", "cli", "", "", "Gogo shell", null, "127.0.0.1", true);

    private final String method;
    private final JsonValue.JsonObject params;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    ShellCall(String method, JsonValue.JsonObject params) {
        this.method = method;
        this.params = params;
    }

    /** Completes with the response payload, or exceptionally with the {@link GatewayException}. */
    CompletableFuture<Object> outcome() {
        return outcome;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String connectionId() {
        return "gogo-shell";
    }

    @Override
    public String role() {
        return "operator";
    }

    @Override
    public Set<String> scopes() {
        return Set.of(Scopes.ADMIN);
    }

    @Override
    public ClientInfo client() {
        return SHELL;
    }

    @Override
    public String httpBaseUrl() {
        return "";
    }

    @Override
    public JsonValue params() {
        return params;
    }

    @Override
    public JsonValue.JsonObject paramsObject() {
        return params;
    }

    @Override
    public boolean respond(Object payload) {
        return outcome.complete(payload);
    }

    @Override
    public boolean fail(GatewayException error) {
        return outcome.completeExceptionally(error);
    }

    @Override
    public void completeWith(CompletionStage<?> stage) {
        stage.whenComplete((v, e) -> {
            if (e == null) {
                respond(v);
            } else {
                fail(
                        e instanceof GatewayException g
                                ? g
                                : new GatewayException(ErrorCode.INTERNAL, e.toString(), null, null, null));
            }
        });
    }

    @Override
    public boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public void extendDeadline(long timeoutMs) {
        // the shell waits for the handler's own answer
    }
}
