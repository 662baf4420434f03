package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.JsonValue;
import dev.talon.gateway.api.MethodCall;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Conversions and param accessors shared by the node methods. Stateless. */
final class Trees {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Trees() {}

    static JsonNode toNode(JsonValue v) {
        if (v instanceof JsonValue.JsonObject o) {
            ObjectNode n = F.objectNode();
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                n.set(e.getKey(), toNode(e.getValue()));
            }
            return n;
        }
        if (v instanceof JsonValue.JsonArray a) {
            ArrayNode n = F.arrayNode();
            a.items().forEach(i -> n.add(toNode(i)));
            return n;
        }
        if (v instanceof JsonValue.JsonString s) {
            return F.stringNode(s.value());
        }
        if (v instanceof JsonValue.JsonNumber num) {
            return F.numberNode(num.value());
        }
        if (v instanceof JsonValue.JsonBoolean b) {
            return F.booleanNode(b.value());
        }
        return F.nullNode();
    }

    /** The JSON tree as the gateway API's value model. */
    static JsonValue fromNode(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return new JsonValue.JsonNull();
        }
        if (n.isObject()) {
            Map<String, JsonValue> members = new java.util.LinkedHashMap<>();
            n.properties().forEach(e -> members.put(e.getKey(), fromNode(e.getValue())));
            return new JsonValue.JsonObject(members);
        }
        if (n.isArray()) {
            List<JsonValue> items = new java.util.ArrayList<>();
            n.values().forEach(i -> items.add(fromNode(i)));
            return new JsonValue.JsonArray(items);
        }
        if (n.isString()) {
            return new JsonValue.JsonString(n.stringValue());
        }
        if (n.isNumber()) {
            return new JsonValue.JsonNumber(n.decimalValue());
        }
        return new JsonValue.JsonBoolean(n.booleanValue());
    }

    /** A required non-empty string param. */
    static String required(MethodCall call, String name) {
        return call.paramsObject()
                .string(name)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> GatewayException.invalidRequest(
                        "invalid " + call.method() + " params: " + name + " (non-empty string) required"));
    }

    /** The required {@code nodeId} param, which must be the caller's own node id ({@code "nodeId mismatch"}). */
    static String ownNodeId(MethodCall call) {
        String nodeId = required(call, "nodeId");
        if (!nodeId.equals(callerNode(call))) {
            throw GatewayException.invalidRequest("nodeId mismatch");
        }
        return nodeId;
    }

    /** The caller's node id (its device id). */
    static String callerNode(MethodCall call) {
        String id = call.client().deviceId();
        if (id == null) {
            throw GatewayException.invalidRequest("unknown nodeId");
        }
        return id;
    }
}
