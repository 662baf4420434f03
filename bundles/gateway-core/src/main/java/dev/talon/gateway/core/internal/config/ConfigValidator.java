package dev.talon.gateway.core.internal.config;

import dev.talon.gateway.core.internal.protocol.SchemaCheck;
import dev.talon.gateway.core.internal.protocol.Schemas;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Validates {@code talon.json} against the JSON Schema shipped in this bundle. Thread-safe. */
public final class ConfigValidator {
    /** Classpath location of the schema; also served at {@code /__talon__/schema/talon.schema.json}. */
    public static final String SCHEMA_RESOURCE = "/schema/talon.schema.json";

    private final SchemaCheck schema = Schemas.config();

    /** Returns one line per problem, each starting with the dotted key, e.g. {@code gateway.port: …}. */
    public List<String> validate(JsonNode config) {
        return schema.validate(config);
    }
}
