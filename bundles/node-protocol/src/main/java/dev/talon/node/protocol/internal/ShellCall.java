package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import java.util.concurrent.CompletableFuture;

/** An invoke made from the Gogo shell: collects the outcome the router delivers. No progress connection. */
final class ShellCall implements InvokeRouter.Caller {
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    /** Completes with the response payload, or exceptionally with the {@link GatewayException}. */
    CompletableFuture<Object> outcome() {
        return outcome;
    }

    @Override
    public String connectionId() {
        return null;
    }

    @Override
    public boolean respond(Object payload) {
        return outcome.complete(payload);
    }

    @Override
    public boolean fail(GatewayException error) {
        return outcome.completeExceptionally(error);
    }
}
