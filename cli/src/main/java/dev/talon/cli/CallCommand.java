package dev.talon.cli;

import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code talon call <method> [--params JSON] [--json] [--timeout ms]}: any RPC with the full operator scope
 * set. Prints the payload (pretty, or compact with {@code --json}); a failed response prints
 * {@code error: <code>: <message>} on stderr and exits 1.
 */
final class CallCommand implements Command {
    @Override
    public OptionSpec options() {
        return OptionSpec.connected(Set.of("params"), Set.of("json"), 1);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        if (args.positionals().isEmpty()) {
            throw CliException.usage("call needs a method name");
        }
        String method = args.positionals().get(0);
        JsonNode params = parseParams(args, ctx);
        GatewayTarget target = GatewayTarget.resolve(args, ctx);
        GatewayClient.Exchange ex = Output.client(ctx)
                .call(target, GatewayClient.ADMIN_SCOPES, method, params, Output.timeout(args, 10_000));
        if (!ex.ok()) {
            ctx.err().println(ex.errorLine());
            return CliException.FAILURE;
        }
        Output.printJson(ctx, ex.payload(), !args.flag("json"));
        return 0;
    }

    static JsonNode parseParams(Args args, CliContext ctx) {
        String raw = args.value("params").orElse("{}");
        try {
            return ctx.json().readTree(raw);
        } catch (JacksonException e) {
            throw CliException.usage("--params is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
