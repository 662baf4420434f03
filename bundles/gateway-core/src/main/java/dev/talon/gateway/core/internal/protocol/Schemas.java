package dev.talon.gateway.core.internal.protocol;

import com.networknt.schema.SpecificationVersion;
import dev.talon.gateway.core.internal.config.ConfigValidator;
import dev.talon.gateway.core.internal.runtime.Once;

/**
 * The JSON Schemas the gateway checks against, compiled once per bundle class loader. Compiling the first one
 * initialises networknt's validator and a Jackson mapper (≈ 0.15 s interpreted), so {@code StartupWarmUp} asks for
 * them on its own thread while the framework starts the other bundles.
 */
public final class Schemas {
    private static final String CONNECT_RESOURCE = "/schema/protocol/connect-params.json";

    /** Both at once: callers on other threads then never use Jackson next to a compilation in progress. */
    private static final Once<Schemas> COMPILED = new Once<>(Schemas::new);

    private final SchemaCheck config;
    private final SchemaCheck connect;

    private Schemas() {
        config = new SchemaCheck(ConfigValidator.SCHEMA_RESOURCE, SpecificationVersion.DRAFT_2020_12);
        connect = new SchemaCheck(CONNECT_RESOURCE);
    }

    /** Compiles both schemas unless done; returns when they are ready. */
    public static void prepare() {
        COMPILED.get();
    }

    /** talon.json's schema (draft 2020-12). */
    public static SchemaCheck config() {
        return COMPILED.get().config;
    }

    /** The protocol's {@code connect} params schema (draft-07). */
    public static SchemaCheck connect() {
        return COMPILED.get().connect;
    }
}
