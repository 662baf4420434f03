package dev.talon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Finds the gateway auth token in {@code <stateDir>/talon.json}. */
final class StateToken {
    static final String FILE = "talon.json";

    /** talon.json is JSON with comments, trailing commas, single quotes and unquoted keys. */
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .build();

    private StateToken() {}

    /**
     * Prefers {@code gateway.auth.token}; otherwise the first string property named {@code token}
     * anywhere in the document. Empty when the file is missing or not (yet) complete JSON.
     */
    static Optional<String> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = LENIENT.readTree(Files.readString(file));
            JsonNode direct = root.path("gateway").path("auth").path("token");
            if (direct.isString()) {
                return Optional.of(direct.asString());
            }
            return Optional.ofNullable(root.findValue("token"))
                    .filter(JsonNode::isString)
                    .map(JsonNode::asString);
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }
}
