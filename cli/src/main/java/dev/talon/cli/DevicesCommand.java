package dev.talon.cli;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code talon devices list|approve <requestId>|reject <requestId>|revoke <deviceId> [--role R]|remove <deviceId>}:
 * device pairing administration over the {@code device.pair.*} and {@code device.token.*} methods.
 */
final class DevicesCommand implements Command {
    /** Sub-command → (method, params builder). */
    private static final Map<String, BiFunction<Args, CliContext, ObjectNode>> PARAMS = Map.of(
            "list", (a, c) -> c.json().createObjectNode(),
            "approve", (a, c) -> c.json().createObjectNode().put("requestId", operand(a, "requestId")),
            "reject", (a, c) -> c.json().createObjectNode().put("requestId", operand(a, "requestId")),
            "revoke",
                    (a, c) -> c.json()
                            .createObjectNode()
                            .put("deviceId", operand(a, "deviceId"))
                            .put("role", a.value("role").orElse("operator")),
            "remove", (a, c) -> c.json().createObjectNode().put("deviceId", operand(a, "deviceId")));

    private static final Map<String, String> METHODS = Map.of(
            "list",
            "device.pair.list",
            "approve",
            "device.pair.approve",
            "reject",
            "device.pair.reject",
            "revoke",
            "device.token.revoke",
            "remove",
            "device.pair.remove");

    @Override
    public OptionSpec options() {
        return OptionSpec.connected(Set.of("role"), Set.of("json"), 2);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        String sub = args.positionals().isEmpty() ? "list" : args.positionals().get(0);
        if (!METHODS.containsKey(sub)) {
            throw CliException.usage(
                    "devices: unknown sub-command '" + sub + "' (list, approve, reject, revoke, remove)");
        }
        return Output.adminCall(args, ctx, METHODS.get(sub), PARAMS.get(sub).apply(args, ctx), 10_000, payload -> {
            if (args.flag("json") || !"list".equals(sub)) {
                Output.printJson(ctx, payload, !args.flag("json"));
            } else {
                printList(ctx, payload);
            }
        });
    }

    private static String operand(Args args, String name) {
        if (args.positionals().size() < 2) {
            throw CliException.usage("devices " + args.positionals().get(0) + " needs a " + name);
        }
        return args.positionals().get(1);
    }

    private static void printList(CliContext ctx, JsonNode payload) {
        ctx.out().println("Pending (" + payload.path("pending").size() + "):");
        for (JsonNode r : payload.path("pending")) {
            ctx.out()
                    .printf(
                            "  %s  %s  %s/%s  %s  scopes=%s  from %s%n",
                            r.path("requestId").asString(),
                            r.path("deviceId")
                                    .asString()
                                    .substring(
                                            0,
                                            Math.min(
                                                    12,
                                                    r.path("deviceId")
                                                            .asString()
                                                            .length())),
                            r.path("clientId").asString(),
                            r.path("clientMode").asString(),
                            r.path("role").asString(),
                            r.path("scopes"),
                            r.path("remoteIp").asString());
        }
        ctx.out().println("Paired (" + payload.path("paired").size() + "):");
        for (JsonNode d : payload.path("paired")) {
            String name = d.hasNonNull("label")
                    ? d.path("label").asString()
                    : d.path("displayName").asString(d.path("clientId").asString());
            ctx.out()
                    .printf(
                            "  %s  %-20s  roles=%s  scopes=%s%s%n",
                            d.path("deviceId").asString(),
                            name,
                            d.path("roles"),
                            d.path("scopes"),
                            d.path("connected").asBoolean() ? "  (connected)" : "");
        }
    }
}
