package dev.talon.cli;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code talon health [--json]}: the {@code health} RPC with no params. Exit 1 when not OK. */
final class HealthCommand implements Command {
    @Override
    public OptionSpec options() {
        return OptionSpec.connected(Set.of(), Set.of("json"), 0);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        GatewayTarget target = GatewayTarget.resolve(args, ctx);
        GatewayClient.Exchange ex = Output.client(ctx)
                .call(target, GatewayClient.READ_SCOPES, "health", null, Output.timeout(args, 10_000));
        if (!ex.ok()) {
            ctx.err().println(ex.errorLine());
            return CliException.FAILURE;
        }
        if (args.flag("json")) {
            Output.printJson(ctx, ex.payload(), true);
        } else {
            printHuman(ctx, target, ex);
        }
        return ex.payload().path("ok").asBoolean(true) ? 0 : CliException.FAILURE;
    }

    static void printHuman(CliContext ctx, GatewayTarget target, GatewayClient.Exchange ex) {
        JsonNode p = ex.payload();
        boolean ok = p.path("ok").asBoolean(true);
        ctx.out().println("Gateway " + (ok ? "OK" : "NOT OK") + " (" + ex.elapsedMillis() + "ms)");
        ctx.out().println("  url:      " + target.url());
        JsonNode server = ex.hello().path("server");
        if (server.has("version")) {
            ctx.out().println("  server:   " + server.path("version").asString(""));
        }
        JsonNode uptime = ex.hello().path("snapshot").path("uptimeMs");
        if (uptime.isNumber()) {
            ctx.out().println("  uptime:   " + Output.duration(uptime.asLong()));
        }
        if (p.has("channels")) {
            ctx.out().println("  channels: " + p.path("channels").size());
        }
        if (p.has("agents")) {
            String def = p.path("defaultAgentId").asString("");
            ctx.out()
                    .println(
                            "  agents:   " + p.path("agents").size() + (def.isEmpty() ? "" : " (default " + def + ")"));
        }
    }
}
