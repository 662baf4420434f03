package dev.talon.gateway.core.internal.config;

import dev.talon.gateway.api.StateDirectory;
import dev.talon.gateway.core.internal.pairing.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link StateDirectory} over the directory the configuration loader resolved. */
@Component(service = StateDirectory.class)
public final class StateDirectoryImpl implements StateDirectory {
    private final Path root;

    @Activate
    public StateDirectoryImpl(@Reference TalonConfigLoader config) {
        this.root = config.stateDir();
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Path data(String name) throws IOException {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain folder name: " + name);
        }
        return Files.createDirectories(root.resolve("data").resolve(name));
    }

    @Override
    public void writeAtomically(Path file, byte[] content) throws IOException {
        AtomicFile.write(file, content);
    }
}
