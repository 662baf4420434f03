package dev.talon.cli;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Small helpers shared by the commands: timeouts, JSON printing, durations. Stateless. */
final class Output {
    private Output() {}

    /** {@code --timeout} in milliseconds, or {@code defaultMillis}. */
    static Duration timeout(Args args, long defaultMillis) {
        return Duration.ofMillis(args.positiveLong("timeout", defaultMillis));
    }

    static GatewayClient client(CliContext ctx) {
        return new GatewayClient(ctx.json(), ctx.version());
    }

    /** Prints {@code node} as pretty (multi-line) or compact JSON; a missing node prints {@code null}. */
    static void printJson(CliContext ctx, JsonNode node, boolean pretty) {
        Object value = node == null || node.isMissingNode() ? null : node;
        String text = pretty
                ? ctx.json().writerWithDefaultPrettyPrinter().writeValueAsString(value)
                : ctx.json().writeValueAsString(value);
        ctx.out().println(text);
    }

    /** {@code 1h 2m 3s}-style rendering of a millisecond count. */
    static String duration(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    /** Containers up to this many characters of compact JSON are shown inline. */
    private static final int INLINE_LIMIT = 100;

    /** A one-line rendering of a JSON value: text as is, small containers inline, larger ones summarized. */
    static String brief(JsonNode node) {
        if (node.isContainer() && node.toString().length() <= INLINE_LIMIT) {
            return node.toString();
        }
        if (node.isObject()) {
            return "{" + node.size() + " fields}";
        }
        if (node.isArray()) {
            return "[" + node.size() + " items]";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    /**
     * One admin-scoped call for an administration sub-command: on failure prints the error line and returns
     * {@link CliException#FAILURE}; on success hands the payload to {@code print} and returns 0.
     */
    static int adminCall(
            Args args,
            CliContext ctx,
            String method,
            JsonNode params,
            long defaultTimeoutMs,
            java.util.function.Consumer<JsonNode> print) {
        GatewayClient.Exchange ex = client(ctx)
                .call(
                        GatewayTarget.resolve(args, ctx),
                        GatewayClient.ADMIN_SCOPES,
                        method,
                        params,
                        timeout(args, defaultTimeoutMs));
        if (!ex.ok()) {
            ctx.err().println(ex.errorLine());
            return CliException.FAILURE;
        }
        print.accept(ex.payload());
        return 0;
    }
}
