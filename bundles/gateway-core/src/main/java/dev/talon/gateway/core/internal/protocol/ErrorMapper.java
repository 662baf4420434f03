package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps throwables from handlers to protocol errors. A {@link GatewayException} passes
 * through; anything else becomes {@link ErrorCode#INTERNAL} with a correlation id, logged once at ERROR with
 * its stack trace.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static GatewayException map(String method, Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof GatewayException g) {
            return g;
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.error("Method '{}' failed unexpectedly (correlationId {})", method, correlationId, cause);
        return new GatewayException(
                ErrorCode.INTERNAL,
                "internal error in " + method + " (correlationId " + correlationId + ")",
                Map.of("correlationId", correlationId),
                null,
                null);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
