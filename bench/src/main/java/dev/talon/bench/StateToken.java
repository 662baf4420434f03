package dev.talon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Finds the gateway auth token in {@code <stateDir>/talon.json}. */
final class StateToken {
    static final String FILE = "talon.json";

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
            JsonNode root = Frames.JSON.readTree(Files.readString(file));
            JsonNode direct = root.path("gateway").path("auth").path("token");
            if (direct.isString()) {
                return Optional.of(direct.asString());
            }
            return Optional.ofNullable(root.findValue("token")).filter(JsonNode::isString).map(JsonNode::asString);
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }
}
