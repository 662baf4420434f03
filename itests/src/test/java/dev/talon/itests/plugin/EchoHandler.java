package dev.talon.itests.plugin;

import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic plugin handler (packed into tinybundles, never used from the probe): answers
 * {@code {"echo": <params>, "tag": <component property it.tag>}}.
 */
public final class EchoHandler implements MethodHandler {
    private volatile String tag = "";

    /** DS activate method (named in the hand-written component XML). */
    public void activate(Map<String, Object> properties) {
        Object t = properties.get("it.tag");
        tag = t == null ? "" : t.toString();
    }

    @Override
    public void handle(MethodCall call) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("echo", call.params());
        payload.put("tag", tag);
        call.respond(payload);
    }
}
