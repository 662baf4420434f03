package dev.talon.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The gateway under test as given on the command line, plus the shared client transport. */
final class Target implements AutoCloseable {
    static final String DEFAULT_URL = "ws://127.0.0.1:18789";

    private final URI url;
    private final String token;
    private final Transport transport;
    private final String signer;
    private final DeviceIdentity device;

    Target(URI url, String token, Transport transport, String signer) {
        this.url = url;
        this.token = token;
        this.transport = transport;
        this.signer = signer;
        this.device = newDevice();
    }

    /** Uses {@code --url}, {@code --client}, {@code --signer} and the token from {@link #token(Options)}. */
    static Target from(Options opts) {
        return from(opts, Transport.DEFAULT);
    }

    /** As {@link #from(Options)}, with {@code defaultClient} when {@code --client} is not given. */
    static Target from(Options opts, String defaultClient) {
        return new Target(
                loopbackUrl(opts.str("url", DEFAULT_URL)),
                token(opts),
                Transport.create(opts.str("client", defaultClient)),
                signer(opts));
    }

    static String signer(Options opts) {
        String signer = opts.str("signer", "jdk");
        DeviceIdentity.generate(signer);
        return signer;
    }

    /** A fresh identity using this run's signer. */
    DeviceIdentity newDevice() {
        return DeviceIdentity.generate(signer);
    }

    /** {@code --token}, else {@code $TALON_GATEWAY_TOKEN}, else the token in the state dir's talon.json. */
    static String token(Options opts) {
        String token = opts.str("token", System.getenv("TALON_GATEWAY_TOKEN"));
        if (token != null) {
            return token;
        }
        String dir = opts.str("state-dir", System.getenv("TALON_STATE_DIR"));
        return dir == null ? null : StateToken.read(Path.of(dir)).orElse(null);
    }

    /** The harness only ever talks to this machine. */
    static URI loopbackUrl(String text) {
        URI uri = URI.create(text);
        String host = uri.getHost();
        boolean loopback =
                "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host) || "localhost".equals(host);
        if (!loopback || !"ws".equals(uri.getScheme())) {
            throw new BenchException("--url must be ws:// on 127.0.0.1 or [::1], got " + text);
        }
        return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
    }

    /** All connections of a run share one device identity (one pairing record on the gateway). */
    ConnectSpec spec(List<String> scopes) {
        return new ConnectSpec(url, token, scopes, device, transport);
    }

    URI url() {
        return url;
    }

    Transport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }
}
