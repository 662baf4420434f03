package dev.talon.gateway.core.internal.protocol;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.serialization.NodeReader;
import dev.talon.gateway.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A JSON Schema shipped in this bundle, with errors rendered as {@code dotted.path: reason}. Thread-safe.
 */
public final class SchemaCheck {
    /**
     * Schemas are read with the core's own mapper: networknt's default reader builds a second Jackson mapper with
     * the java.time module (≈ 0.1 s of start-up and its metaspace) only to parse these files.
     */
    private static final NodeReader READER = new NodeReader() {
        @Override
        public JsonNode readTree(String content, InputFormat format) {
            requireJson(format);
            return Json.WIRE.readTree(content);
        }

        @Override
        public JsonNode readTree(InputStream in, InputFormat format) {
            requireJson(format);
            return Json.WIRE.readTree(in);
        }
    };

    private final Schema schema;

    /** A draft-07 schema (the protocol's). */
    public SchemaCheck(String resource) {
        this(resource, SpecificationVersion.DRAFT_7);
    }

    public SchemaCheck(String resource, SpecificationVersion version) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            schema = registry(version).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /** A schema compiled from its text. */
    public static SchemaCheck fromText(String text, SpecificationVersion version) {
        return new SchemaCheck(registry(version).getSchema(text, InputFormat.JSON));
    }

    private static SchemaRegistry registry(SpecificationVersion version) {
        return SchemaRegistry.withDefaultDialect(version, b -> b.nodeReader(READER));
    }

    private static void requireJson(InputFormat format) {
        if (format != InputFormat.JSON) {
            throw new IllegalArgumentException("only JSON schemas are supported, not " + format);
        }
    }

    /** The problems found in {@code node}, joined with "; " (at most five), or null when it is valid. */
    public String problems(JsonNode node) {
        List<String> all = validate(node);
        return all.isEmpty() ? null : all.stream().limit(5).collect(Collectors.joining("; "));
    }

    /** Every problem found in {@code node}, one line each, starting with the dotted path. */
    public List<String> validate(JsonNode node) {
        List<Error> errors = schema.validate(node);
        return errors.stream().map(SchemaCheck::render).distinct().toList();
    }

    private static String render(Error e) {
        String location = e.getInstanceLocation().toString();
        String path = location.replaceFirst("^[$/]\\.?", "").replace('/', '.');
        if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null) {
            return (path.isEmpty() ? "" : path + ".") + e.getProperty() + ": unknown key";
        }
        String message = e.getMessage();
        String reason = message.startsWith(location + ": ") ? message.substring(location.length() + 2) : message;
        return (path.isEmpty() ? "(root)" : path) + ": " + reason;
    }
}
