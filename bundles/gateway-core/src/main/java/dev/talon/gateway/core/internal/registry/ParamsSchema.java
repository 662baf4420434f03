package dev.talon.gateway.core.internal.registry;

import com.networknt.schema.SpecificationVersion;
import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.core.internal.json.Json;
import dev.talon.gateway.core.internal.protocol.SchemaCheck;
import java.io.InputStream;
import java.net.URL;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A method's declared params schema, compiled from the contributing bundle. Thread-safe once built.
 */
public final class ParamsSchema {
    private static final Logger LOG = LoggerFactory.getLogger(ParamsSchema.class);
    /** No schema declared: every params value passes. */
    public static final ParamsSchema NONE = new ParamsSchema(null, null);

    private final SchemaCheck check;
    private final String brokenReason;

    private ParamsSchema(SchemaCheck check, String brokenReason) {
        this.check = check;
        this.brokenReason = brokenReason;
    }

    /** Loads and compiles {@code path} from {@code bundle}; a failure yields a schema that refuses every call. */
    static ParamsSchema load(Bundle bundle, String path, String method) {
        try {
            URL url = bundle == null ? null : bundle.getEntry(path);
            if (url == null) {
                throw new IllegalStateException(
                        "no entry " + path + " in " + (bundle == null ? "?" : bundle.getSymbolicName()));
            }
            String text;
            try (InputStream in = url.openStream()) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            SpecificationVersion v =
                    text.contains("draft-07") ? SpecificationVersion.DRAFT_7 : SpecificationVersion.DRAFT_2020_12;
            return new ParamsSchema(SchemaCheck.fromText(text, v), null);
        } catch (Exception e) {
            LOG.error(
                    "Params schema {} of method '{}' cannot be loaded; the method will refuse calls", path, method, e);
            return new ParamsSchema(null, "params schema unavailable for " + method);
        }
    }

    /**
     * @param method the method name, for the error message
     * @param params the params as sent (null when absent)
     * @throws GatewayException {@code INVALID_REQUEST} naming the offending field, or {@code UNAVAILABLE}
     *     when the declared schema could not be loaded
     */
    public void validate(String method, JsonNode params) {
        if (brokenReason != null) {
            throw new GatewayException(ErrorCode.UNAVAILABLE, brokenReason, null, Boolean.FALSE, null);
        }
        if (check == null) {
            return;
        }
        String problems = check.problems(params == null ? Json.WIRE.createObjectNode() : params);
        if (problems != null) {
            throw GatewayException.invalidRequest("invalid " + method + " params: " + problems);
        }
    }
}
