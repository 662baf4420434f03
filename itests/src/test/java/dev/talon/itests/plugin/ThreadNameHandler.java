package dev.talon.itests.plugin;

import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import java.util.Map;

/** Synthetic plugin handler that answers with the name of the thread it runs on. */
public final class ThreadNameHandler implements MethodHandler {
    @Override
    public void handle(MethodCall call) {
        call.respond(Map.of("thread", Thread.currentThread().getName()));
    }
}
