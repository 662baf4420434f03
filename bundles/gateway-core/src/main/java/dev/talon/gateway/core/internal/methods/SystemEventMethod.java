package dev.talon.gateway.core.internal.methods;

import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.presence.PresenceTracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code system-event} (params checked against {@code schema/protocol/system-event-params.json}): records a presence line from an operator or automation, queues the text as a system
 * event, broadcasts {@code presence}, answers {@code {ok:true}}.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(
        name = "system-event",
        scope = Scopes.ADMIN,
        idempotency = MethodHandler.IDEMPOTENCY_OPTIONAL,
        params_schema = "/schema/protocol/system-event-params.json")
public final class SystemEventMethod implements MethodHandler {
    /** Params copied into the presence entry. */
    private static final List<String> PRESENCE_FIELDS = List.of(
            "host",
            "ip",
            "version",
            "platform",
            "deviceFamily",
            "modelIdentifier",
            "mode",
            "deviceId",
            "instanceId",
            "reason",
            "roles",
            "scopes",
            "tags");

    private final PresenceTracker presence;

    @Activate
    public SystemEventMethod(@Reference PresenceTracker presence) {
        this.presence = presence;
    }

    @Override
    public void handle(MethodCall call) {
        JsonValue.JsonObject p = call.paramsObject(); // valid: core checked the declared params schema
        String text = p.string("text").orElseThrow();
        Map<String, Object> entry = new LinkedHashMap<>();
        PRESENCE_FIELDS.forEach(f -> p.get(f).ifPresent(v -> entry.put(f, v)));
        p.get("lastInputSeconds")
                .ifPresent(v -> entry.put(
                        "lastInputSeconds", ((JsonValue.JsonNumber) v).value().longValue()));
        entry.putIfAbsent("reason", "system-event");
        entry.put("text", text);
        entry.put("ts", System.currentTimeMillis());
        presence.recordSystemEvent(text);
        presence.upsert(key(p, text), entry);
        call.respond(Map.of("ok", true));
    }

    private static String key(JsonValue.JsonObject p, String text) {
        for (String f : List.of("deviceId", "instanceId", "host", "ip")) {
            java.util.Optional<String> v = p.string(f);
            if (v.isPresent()) {
                return "event:" + v.get();
            }
        }
        return "event:" + text;
    }
}
