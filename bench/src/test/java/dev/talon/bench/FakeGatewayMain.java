package dev.talon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** {@code FakeGatewayMain --port P}: writes a token to $TALON_STATE_DIR/talon.json and serves until SIGTERM. */
public final class FakeGatewayMain {
    private FakeGatewayMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[args.length - 1]);
        String token = UUID.randomUUID().toString();
        Path state = Path.of(System.getenv("TALON_STATE_DIR"));
        Files.createDirectories(state);
        Files.writeString(state.resolve(StateToken.FILE), "{\"gateway\":{\"auth\":{\"token\":\"" + token + "\"}}}");
        FakeGateway gateway = new FakeGateway(token, port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        gateway.join();
    }
}
