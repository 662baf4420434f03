package dev.talon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code talon shell [<gogo command line…>]}: runs Gogo commands in the gateway through the authenticated
 * {@code talon.shell.exec} RPC and prints the {@code output} field; a payload with {@code ok:false} prints
 * {@code error: <error>} on stderr (exit 1 for a one-shot command). Without arguments it is a REPL on stdin
 * (prompt {@code talon> }; {@code exit}, {@code quit} or EOF ends it). Each line uses a fresh connection, so
 * the REPL survives a gateway restart.
 */
final class ShellCommand implements Command {
    static final String METHOD = "talon.shell.exec";
    static final String PROMPT = "talon> ";

    @Override
    public OptionSpec options() {
        return new OptionSpec(OptionSpec.CONNECTION_OPTIONS, java.util.Set.of(), Integer.MAX_VALUE, true);
    }

    @Override
    public int run(Args args, CliContext ctx) {
        GatewayTarget target = GatewayTarget.resolve(args, ctx);
        Duration timeout = Output.timeout(args, 30_000);
        if (!args.positionals().isEmpty()) {
            return exec(ctx, target, String.join(" ", args.positionals()), timeout);
        }
        repl(ctx, target, timeout);
        return 0;
    }

    private static void repl(CliContext ctx, GatewayTarget target, Duration timeout) {
        BufferedReader in = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
        while (true) {
            ctx.out().print(PROMPT);
            ctx.out().flush();
            String line = readLine(in);
            if (line == null) {
                ctx.out().println();
                return;
            }
            String command = line.strip();
            if (command.equals("exit") || command.equals("quit")) {
                return;
            }
            if (!command.isEmpty()) {
                execReportingFailures(ctx, target, command, timeout);
            }
        }
    }

    private static void execReportingFailures(CliContext ctx, GatewayTarget target, String line, Duration timeout) {
        try {
            exec(ctx, target, line, timeout);
        } catch (CliException e) {
            // One failed line (gateway restarting, timeout) must not end the session.
            ctx.err().println("talon: " + e.getMessage());
        }
    }

    private static int exec(CliContext ctx, GatewayTarget target, String line, Duration timeout) {
        var params = ctx.json().createObjectNode().put("command", line);
        GatewayClient.Exchange ex =
                Output.client(ctx).call(target, GatewayClient.ADMIN_SCOPES, METHOD, params, timeout);
        if (!ex.ok()) {
            ctx.err().println(ex.errorLine());
            return CliException.FAILURE;
        }
        String output = ex.payload().path("output").asString("");
        ctx.out().print(output);
        if (!output.isEmpty() && !output.endsWith("\n")) {
            ctx.out().println();
        }
        ctx.out().flush();
        // The payload is {output, ok, error?}: a failing Gogo command is a successful RPC with ok:false.
        if (!ex.payload().path("ok").asBoolean(true)) {
            ctx.err().println("error: " + ex.payload().path("error").asString("command failed"));
            return CliException.FAILURE;
        }
        return 0;
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
