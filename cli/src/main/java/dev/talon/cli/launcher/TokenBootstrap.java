package dev.talon.cli.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * First-run safety: when there is no {@code talon.json} and no token was given by flag or environment, writes a
 * {@code talon.json} (mode 600) with a fresh random token so the gateway never starts unauthenticated.
 */
final class TokenBootstrap {
    /** System property carrying {@code --token} from {@code bin/talon gateway run}. */
    static final String TOKEN_PROPERTY = "talon.cli.token";
    /** Environment variables that supply a token, in precedence order. */
    static final List<String> TOKEN_ENV =
            List.of("TALON_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_TOKEN", "CLAWDBOT_GATEWAY_TOKEN");

    private TokenBootstrap() {}

    /**
     * Writes {@code <stateDir>/talon.json} with a generated token when needed.
     *
     * @return the written file, or empty when nothing was needed
     */
    static Optional<Path> ensureToken(Path stateDir, Map<String, String> env, Properties props) throws IOException {
        Path config = stateDir.resolve("talon.json");
        if (Files.exists(config) || tokenGiven(env, props)) {
            return Optional.empty();
        }
        String json = "{\n"
                + "  // Talon gateway configuration. Comments are allowed. Edits apply live.\n"
                + "  \"gateway\": { \"auth\": { \"mode\": \"token\", \"token\": \"" + newToken() + "\" } }\n"
                + "}\n";
        Files.createFile(config, ownerOnly());
        Files.writeString(config, json, StandardCharsets.UTF_8);
        return Optional.of(config);
    }

    static boolean tokenGiven(Map<String, String> env, Properties props) {
        String flag = props.getProperty(TOKEN_PROPERTY);
        return notBlank(flag) || TOKEN_ENV.stream().map(env::get).anyMatch(TokenBootstrap::notBlank);
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes); // only on a first run: seeding it costs start-up time otherwise
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
