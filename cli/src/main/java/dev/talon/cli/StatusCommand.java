package dev.talon.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code talon status [--deep] [--json]}: the {@code status} RPC; {@code --deep} adds {@code health
 * {"probe":true}} and {@code system-presence}, each on its own connection like the official CLI.
 */
final class StatusCommand implements Command {
    /** One RPC of the report and how to print it for humans. */
    private record Part(String name, GatewayClient.Exchange exchange, Consumer<GatewayClient.Exchange> human) {}

    @Override
    public OptionSpec options() {
        return OptionSpec.connected(Set.of(), Set.of("json", "deep"), 0);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        GatewayTarget target = GatewayTarget.resolve(args, ctx);
        Duration timeout = Output.timeout(args, 10_000);
        PrintStream out = ctx.out();
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(
                "status",
                call(ctx, target, "status", emptyObject(ctx), timeout),
                ex -> printFields(out, ex.payload())));
        if (args.flag("deep")) {
            ObjectNode probe = emptyObject(ctx).put("probe", true);
            parts.add(new Part(
                    "health",
                    call(ctx, target, "health", probe, timeout),
                    ex -> HealthCommand.printHuman(ctx, target, ex)));
            parts.add(new Part(
                    "presence",
                    call(ctx, target, "system-presence", emptyObject(ctx), timeout),
                    ex -> printPresence(out, ex.payload())));
        }
        if (args.flag("json")) {
            printJson(ctx, parts, args.flag("deep"));
        } else {
            out.println("Talon gateway at " + target.url());
            parts.forEach(p -> printPart(ctx, p));
        }
        return parts.stream().allMatch(p -> p.exchange().ok()) ? 0 : CliException.FAILURE;
    }

    private static GatewayClient.Exchange call(
            CliContext ctx, GatewayTarget target, String method, JsonNode params, Duration timeout) {
        return Output.client(ctx).call(target, GatewayClient.READ_SCOPES, method, params, timeout);
    }

    private static ObjectNode emptyObject(CliContext ctx) {
        return ctx.json().createObjectNode();
    }

    private static void printPart(CliContext ctx, Part part) {
        if (part.exchange().ok()) {
            part.human().accept(part.exchange());
        } else {
            ctx.err().println(part.name() + ": " + part.exchange().errorLine());
        }
    }

    /** Plain {@code status --json} prints the payload; {@code --deep --json} one object with a member per RPC. */
    private static void printJson(CliContext ctx, List<Part> parts, boolean deep) {
        if (!deep) {
            printPart(
                    ctx, new Part("status", parts.get(0).exchange(), ex -> Output.printJson(ctx, ex.payload(), true)));
            return;
        }
        ObjectNode all = emptyObject(ctx);
        for (Part p : parts) {
            GatewayClient.Exchange ex = p.exchange();
            all.set(p.name(), ex.ok() ? ex.payload() : emptyObject(ctx).set("error", ex.error()));
        }
        Output.printJson(ctx, all, true);
    }

    /** Top-level scalars as {@code key: value}; small nested objects one level deep; the rest summarized. */
    static void printFields(PrintStream out, JsonNode payload) {
        for (Map.Entry<String, JsonNode> e : payload.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject() && v.size() > 0 && v.size() <= 12) {
                out.println("  " + e.getKey() + ":");
                v.properties().forEach(in -> out.println("    " + in.getKey() + ": " + Output.brief(in.getValue())));
            } else {
                out.println("  " + e.getKey() + ": " + Output.brief(v));
            }
        }
    }

    static void printPresence(PrintStream out, JsonNode entries) {
        out.println("Presence (" + entries.size() + "):");
        for (JsonNode p : entries) {
            out.println("  - " + p.path("host").asString("?") + "  mode="
                    + p.path("mode").asString("?")
                    + "  reason=" + p.path("reason").asString("?")
                    + (p.has("version") ? "  version=" + p.path("version").asString("") : ""));
        }
    }
}
