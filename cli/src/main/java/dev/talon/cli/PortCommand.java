package dev.talon.cli;

import java.util.Set;

/**
 * Hidden {@code talon __port}: prints the local gateway port ({@code $TALON_GATEWAY_PORT}, talon.json
 * {@code gateway.port}, else 18789). {@code bin/talon} uses it to find {@code /healthz}; the JSON-with-comments
 * config is not something a shell script should parse.
 */
final class PortCommand implements Command {
    @Override
    public OptionSpec options() {
        return new OptionSpec(Set.of(), Set.of(), 0, false);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        ctx.out().println(GatewayTarget.port(ctx, TalonConfig.load(ctx.stateDir(), ctx.json())));
        return 0;
    }
}
