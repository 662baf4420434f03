package dev.talon.gateway.shell.internal;

import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.GatewayMethod;
import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.Scopes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code talon.shell.exec}: runs one Gogo command line in the gateway and returns what it printed.
 * The remote face of the Felix shell: authenticated by the gateway (shared secret, {@code operator.admin})
 * and refused unless the caller connected directly over loopback. Params {@code {command}}; result
 * {@code {output, ok, error?}}.
 */
@Component(service = MethodHandler.class)
@GatewayMethod(name = "talon.shell.exec", scope = Scopes.ADMIN)
public final class ShellExecMethod implements MethodHandler {
    private static final int MAX_COMMAND = 4096;

    private final CommandProcessor processor;

    @Activate
    public ShellExecMethod(@Reference CommandProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void handle(MethodCall call) {
        if (!call.client().loopback()) {
            throw GatewayException.forbidden(
                    "talon.shell.exec is only available to clients connected directly over loopback");
        }
        String line = call.paramsObject()
                .string("command")
                .filter(s -> !s.isBlank() && s.length() <= MAX_COMMAND)
                .orElseThrow(() -> GatewayException.invalidRequest(
                        "invalid talon.shell.exec params: command (non-empty string of at most " + MAX_COMMAND
                                + " chars) required"));
        call.respond(run(line));
    }

    private Map<String, Object> run(String line) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Map<String, Object> result = new LinkedHashMap<>();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object value = session.execute(line);
            if (value != null) {
                out.println(session.format(value, Converter.INSPECT));
            }
            result.put("ok", true);
        } catch (Exception e) {
            result.put("ok", false);
            result.put("error", String.valueOf(e.getMessage()));
        }
        result.put("output", buffer.toString(StandardCharsets.UTF_8));
        return result;
    }
}
