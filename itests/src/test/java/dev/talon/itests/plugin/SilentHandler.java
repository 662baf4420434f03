package dev.talon.itests.plugin;

import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;

/** Synthetic plugin handler that returns without ever completing the call: only the gateway's deadline answers it. */
public final class SilentHandler implements MethodHandler {
    @Override
    public void handle(MethodCall call) {
        // deliberately never calls respond() or fail()
    }
}
