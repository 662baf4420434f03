package dev.talon.itests.plugin;

import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;

/** Synthetic plugin handler that fails with an unexpected exception on every call. */
public final class ThrowingHandler implements MethodHandler {
    @Override
    public void handle(MethodCall call) {
        throw new IllegalStateException("synthetic failure from " + call.method());
    }
}
