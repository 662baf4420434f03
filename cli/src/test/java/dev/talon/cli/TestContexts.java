package dev.talon.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** A {@link CliContext} with captured output, a given environment and a private state dir. */
final class TestContexts {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CliContext ctx;

    TestContexts(Path stateDir, Map<String, String> env, String stdin) {
        Properties props = new Properties();
        props.setProperty(CliContext.STATE_DIR_PROPERTY, stateDir.toString());
        props.setProperty(CliContext.VERSION_PROPERTY, "0.0.1-test");
        ctx = new CliContext(
                env,
                props,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    TestContexts(Path stateDir, Map<String, String> env) {
        this(stateDir, env, "");
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
