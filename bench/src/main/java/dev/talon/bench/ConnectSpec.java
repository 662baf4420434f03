package dev.talon.bench;

import java.net.URI;
import java.util.List;

/** Everything needed to open an authenticated connection (an operator CLI unless {@code client} says otherwise). */
record ConnectSpec(
        URI url, String token, List<String> scopes, DeviceIdentity device, Transport transport, ClientInfo client) {
    static final List<String> READ = List.of("operator.read");
    static final List<String> WRITE = List.of("operator.write");
    static final List<String> ADMIN = List.of("operator.admin");

    ConnectSpec {
        scopes = List.copyOf(scopes);
    }

    ConnectSpec(URI url, String token, List<String> scopes, DeviceIdentity device, Transport transport) {
        this(url, token, scopes, device, transport, ClientInfo.OPERATOR);
    }

    ConnectSpec withScopes(List<String> newScopes) {
        return new ConnectSpec(url, token, newScopes, device, transport, client);
    }

    ConnectSpec withDevice(DeviceIdentity newDevice) {
        return new ConnectSpec(url, token, scopes, newDevice, transport, client);
    }

    ConnectSpec withToken(String newToken) {
        return new ConnectSpec(url, newToken, scopes, device, transport, client);
    }

    ConnectSpec withClient(ClientInfo newClient) {
        return new ConnectSpec(url, token, scopes, device, transport, newClient);
    }
}
