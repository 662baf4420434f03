package dev.talon.cli;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code talon nodes list|pending|approve <requestId>|reject <requestId>|describe <nodeId>|invoke <nodeId> <command>
 * [--params JSON] [--invoke-timeout MS]}: node administration over {@code node.*}.
 */
final class NodesCommand implements Command {
    private static final Map<String, String> METHODS = Map.of(
            "list",
            "node.list",
            "pending",
            "node.pair.list",
            "approve",
            "node.pair.approve",
            "reject",
            "node.pair.reject",
            "describe",
            "node.describe",
            "invoke",
            "node.invoke");
    private static final Map<String, BiFunction<Args, CliContext, ObjectNode>> PARAMS = Map.of(
            "list", (a, c) -> c.json().createObjectNode(),
            "pending", (a, c) -> c.json().createObjectNode(),
            "approve", (a, c) -> c.json().createObjectNode().put("requestId", operand(a, 1, "requestId")),
            "reject", (a, c) -> c.json().createObjectNode().put("requestId", operand(a, 1, "requestId")),
            "describe", (a, c) -> c.json().createObjectNode().put("nodeId", operand(a, 1, "nodeId")),
            "invoke", NodesCommand::invokeParams);

    @Override
    public OptionSpec options() {
        return OptionSpec.connected(Set.of("params", "invoke-timeout"), Set.of("json"), 3);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        String sub = args.positionals().isEmpty() ? "list" : args.positionals().get(0);
        if (!METHODS.containsKey(sub)) {
            throw CliException.usage(
                    "nodes: unknown sub-command '" + sub + "' (list, pending, approve, reject, describe, invoke)");
        }
        // the node's budget plus grace for the transport, as the official CLI does
        long timeout =
                "invoke".equals(sub) ? Math.max(35_000, invokeTimeout(args).orElse(0L) + 10_000) : 10_000;
        return Output.adminCall(
                args,
                ctx,
                METHODS.get(sub),
                PARAMS.get(sub).apply(args, ctx),
                timeout,
                payload -> Output.printJson(
                        ctx, "pending".equals(sub) ? payload.path("pending") : payload, !args.flag("json")));
    }

    private static ObjectNode invokeParams(Args a, CliContext c) {
        ObjectNode p = c.json()
                .createObjectNode()
                .put("nodeId", operand(a, 1, "nodeId"))
                .put("command", operand(a, 2, "command"))
                .put("idempotencyKey", UUID.randomUUID().toString());
        a.value("params").ifPresent(raw -> p.set("params", CallCommand.parseParams(a, c)));
        invokeTimeout(a).ifPresent(ms -> p.put("timeoutMs", ms));
        return p;
    }

    /** {@code --invoke-timeout <ms>}: the node's budget for the command (a positive integer). */
    private static java.util.Optional<Long> invokeTimeout(Args a) {
        return a.value("invoke-timeout").map(raw -> {
            try {
                long ms = Long.parseLong(raw.trim());
                if (ms > 0) {
                    return ms;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw CliException.usage(
                    "nodes invoke: --invoke-timeout needs a positive number of milliseconds, not '" + raw + "'");
        });
    }

    private static String operand(Args args, int index, String name) {
        if (args.positionals().size() <= index) {
            throw CliException.usage("nodes " + args.positionals().get(0) + " needs a " + name);
        }
        return args.positionals().get(index);
    }
}
