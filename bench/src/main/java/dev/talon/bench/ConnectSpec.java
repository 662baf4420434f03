package dev.talon.bench;

import java.net.URI;
import java.util.List;

/** Everything needed to open an authenticated operator connection. */
record ConnectSpec(URI url, String token, List<String> scopes, DeviceIdentity device, Transport transport) {
    static final List<String> READ = List.of("operator.read");
    static final List<String> ADMIN = List.of("operator.admin");

    ConnectSpec {
        scopes = List.copyOf(scopes);
    }

    ConnectSpec withScopes(List<String> newScopes) {
        return new ConnectSpec(url, token, newScopes, device, transport);
    }

    ConnectSpec withDevice(DeviceIdentity newDevice) {
        return new ConnectSpec(url, token, scopes, newDevice, transport);
    }

    ConnectSpec withToken(String newToken) {
        return new ConnectSpec(url, newToken, scopes, device, transport);
    }
}
