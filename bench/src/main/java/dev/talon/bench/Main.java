package dev.talon.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@code talon-bench <subcommand> [--flags]}: load harness for a Talon/OpenClaw protocol v4 gateway. */
public final class Main {
    static final Map<String, Supplier<Command>> COMMANDS = new TreeMap<>(Map.of(
            "handshake", HandshakeBench::new,
            "rpc", RpcBench::new,
            "fanout", FanoutBench::new,
            "idle", IdleBench::new,
            "invoke", InvokeBench::new,
            "startup", StartupBench::new));

    private static final String USAGE = String.join(
            "\n",
            "usage: bench/run.sh <subcommand> [options]",
            "common:    --url ws://127.0.0.1:18789 --token T (or $TALON_GATEWAY_TOKEN, or --state-dir D / "
                    + "$TALON_STATE_DIR with talon.json) --client jdk|jetty|raw|nio --signer jdk|bc --warmup s --duration s",
            "          (--client: nio is the default for rpc and invoke, raw for handshake and startup, jdk for the others;",
            "           -Dbench.loops=N in BENCH_JAVA_OPTS gives nio N event-loop threads, default 1)",
            "handshake --parallel 16 --count 5000            signed handshakes/s, p50/p99",
            "rpc       --connections 32 --outstanding 32     health req/s, p50/p90/p99/max",
            "rpc       --matrix                              1x1, 8x8, 32x32, 32x256 as a markdown table",
            "fanout    --subscribers 100 --events 200 [--inflight 1]   presence deliveries/s, p50/p99",
            "invoke    --nodes 1 --connections 4 --outstanding 8   node.invoke round trips/s, p50/p90/p99/max",
            "invoke    --matrix [--nodes N]                  1x1, 1x32, 4x8, 32x1, 8x32 as a markdown table",
            "idle      --connections 1000 --pid P [--duration 30]      KiB RSS per idle connection",
            "startup   --cmd \"bin/talon gateway run --port P\" --port P [--runs 3 --idle 10 --timeout 60 --state fresh|kept]");

    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(Arrays.asList(args), System.out);
        } catch (BenchException e) {
            System.err.println("bench: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 130;
        }
        System.exit(code);
    }

    /** Runs one subcommand; returns the process exit code. */
    static int run(List<String> args, PrintStream out) throws InterruptedException {
        Supplier<Command> command = args.isEmpty() ? null : COMMANDS.get(args.get(0));
        if (command == null) {
            System.err.println(USAGE);
            return 2;
        }
        Metrics m = execute(command.get(), args.get(0), args.subList(1, args.size()), out);
        return m.values().getOrDefault("errors", 0.0) > 0 ? 3 : 0;
    }

    static Metrics execute(Command command, String name, List<String> args, PrintStream out)
            throws InterruptedException {
        Options opts = Options.parse(args);
        out.println("# " + name + " " + String.join(" ", redactToken(args)));
        Metrics m = command.run(opts, out);
        List<String> unused = opts.unused();
        if (!unused.isEmpty()) {
            System.err.println("warning: ignored arguments " + unused);
        }
        return m;
    }

    private static List<String> redactToken(List<String> args) {
        String[] copy = args.toArray(new String[0]);
        for (int i = 0; i + 1 < copy.length; i++) {
            if (copy[i].equals("--token")) {
                copy[i + 1] = "…";
            }
        }
        for (int i = 0; i < copy.length; i++) {
            if (copy[i].startsWith("--token=")) {
                copy[i] = "--token=…";
            }
        }
        return Arrays.asList(copy);
    }
}
