package dev.talon.cli;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entry point of every {@code bin/talon} subcommand except {@code gateway …}. Dispatches on the first argument
 * through a map of commands; returns 0 on success, 1 on failure, 2 on bad usage.
 *
 * <pre>{@code
 * java -cp 'lib/*' -Dtalon.state.dir=$HOME/.talon dev.talon.cli.TalonCli health --json
 * }</pre>
 */
public final class TalonCli {
    private static final Set<String> HELP = Set.of("help", "--help", "-h");

    private final Map<String, Command> commands = Map.of(
            "health", new HealthCommand(),
            "status", new StatusCommand(),
            "call", new CallCommand(),
            "devices", new DevicesCommand(),
            "nodes", new NodesCommand(),
            "logs", new LogsCommand(),
            "shell", new ShellCommand(),
            "__port", new PortCommand());

    public static void main(String[] argv) {
        int code = new TalonCli().run(List.of(argv), CliContext.system());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; never throws for user-facing failures. */
    public int run(List<String> argv, CliContext ctx) {
        if (argv.isEmpty()) {
            ctx.err().print(Usage.TEXT);
            return CliException.USAGE;
        }
        String name = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        if (HELP.contains(name) || (!rest.isEmpty() && HELP.contains(rest.get(0)) && !name.equals("shell"))) {
            ctx.out().print(Usage.TEXT);
            return 0;
        }
        Command command = commands.get(name);
        if (command == null) {
            return usageError(ctx, "unknown command: " + name);
        }
        return runCommand(command, rest, ctx);
    }

    private static int runCommand(Command command, List<String> rest, CliContext ctx) {
        try {
            return command.run(Args.parse(rest, command.options()), ctx);
        } catch (CliException e) {
            if (e.exitCode() == CliException.USAGE) {
                return usageError(ctx, e.getMessage());
            }
            ctx.err().println("talon: " + e.getMessage());
            return e.exitCode();
        } catch (UncheckedIOException e) {
            ctx.err().println("talon: " + e.getCause().getMessage());
            return CliException.FAILURE;
        }
    }

    private static int usageError(CliContext ctx, String message) {
        ctx.err().println("talon: " + message);
        ctx.err().print(Usage.TEXT);
        return CliException.USAGE;
    }
}
