package dev.talon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-only view of {@code <state>/talon.json}, the gateway configuration. Comments and trailing commas are
 * allowed. A missing file is an empty configuration; an unreadable or malformed one is a {@link CliException}
 * naming the file. Immutable.
 */
public final class TalonConfig {
    /** The file name inside the state directory. */
    public static final String FILE_NAME = "talon.json";

    private final JsonNode root;

    private TalonConfig(JsonNode root) {
        this.root = root;
    }

    /** Reads {@code <stateDir>/talon.json}. */
    public static TalonConfig load(Path stateDir, JsonMapper json) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            String text = Files.readString(file);
            JsonNode node = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            return new TalonConfig(node);
        } catch (NoSuchFileException e) {
            return new TalonConfig(json.createObjectNode());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new CliException("" + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code gateway.port}, when present and a valid TCP port. */
    public Optional<Integer> port() {
        JsonNode port = root.path("gateway").path("port");
        if (port.isInt() && port.asInt() > 0 && port.asInt() < 65536) {
            return Optional.of(port.asInt());
        }
        return Optional.empty();
    }

    /** {@code gateway.auth.token}, when present as a non-blank string. */
    public Optional<String> token() {
        return text(root.path("gateway").path("auth").path("token"));
    }

    /** {@code gateway.auth.password}, when present as a non-blank string. */
    public Optional<String> password() {
        return text(root.path("gateway").path("auth").path("password"));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? Optional.of(node.stringValue()) : Optional.empty();
    }
}
