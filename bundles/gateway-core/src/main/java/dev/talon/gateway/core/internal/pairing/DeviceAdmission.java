package dev.talon.gateway.core.internal.pairing;

import dev.talon.gateway.api.ErrorCode;
import dev.talon.gateway.api.GatewayException;
import dev.talon.gateway.api.Scopes;
import dev.talon.gateway.core.internal.pairing.PairingRecords.DeviceToken;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PairedDevice;
import dev.talon.gateway.core.internal.pairing.PairingRecords.PendingRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device half of the connect pipeline (protocol §2.6–2.7), after the proof verified: device-token
 * authentication when the shared secret did not pass, the pairing check (not paired, role, scope and
 * metadata upgrades), silent approval for direct-local clients, pending requests otherwise, and the device
 * token for {@code hello-ok}. Scopes come from the server's records, never from the claim alone.
 */
public final class DeviceAdmission {
    private final PairingStore store;
    private final PairingEvents events;

    public DeviceAdmission(PairingStore store, PairingEvents events) {
        this.store = store;
        this.events = events;
    }

    /**
     * What the connect asks for and how it got this far.
     *
     * @param deviceId verified device id
     * @param publicKey canonical (base64url raw) public key
     * @param role requested role
     * @param scopes requested scopes, known ones only, deduplicated
     * @param clientId {@code client.id}
     * @param clientMode {@code client.mode}
     * @param displayName {@code client.displayName}, or null
     * @param platform {@code client.platform}
     * @param deviceFamily {@code client.deviceFamily}, or null
     * @param remoteIp the peer address
     * @param directLocal loopback, no Origin, no forwarding headers
     * @param autoApproveLocal {@code gateway.nodes.pairing.autoApproveLocal}
     */
    public record Ask(
            String deviceId,
            String publicKey,
            String role,
            List<String> scopes,
            String clientId,
            String clientMode,
            String displayName,
            String platform,
            String deviceFamily,
            String remoteIp,
            boolean directLocal,
            boolean autoApproveLocal) {}

    /** An admitted device: how it authenticated, the scopes it holds, the token for {@code hello-ok}. */
    public record Admitted(String authMethod, List<String> scopes, DeviceToken token) {}

    /**
     * @param sharedMethod the shared-secret auth method when the secret passed, else null
     * @param sharedFailure the shared-secret failure to report when no device token rescues the connect
     * @param deviceToken {@code auth.deviceToken}, or null
     * @param tokenField {@code auth.token}, tried as a device token when it was not the shared secret
     * @throws GatewayException an auth or pairing failure (the caller closes with 1008)
     */
    public Admitted admit(
            Ask ask, String sharedMethod, GatewayException sharedFailure, String deviceToken, String tokenField) {
        String method = sharedMethod != null
                ? sharedMethod
                : authenticateDeviceToken(ask, sharedFailure, deviceToken, tokenField);
        Optional<PairedDevice> paired = store.device(ask.deviceId());
        String reason = pairingNeeded(ask, paired.orElse(null));
        if (reason != null) {
            PendingRequest asked = asked(ask, paired.isPresent());
            if (!silentApprovalApplies(ask, reason, method, paired.isPresent())) {
                throw pairingRequired(ask, reason, paired.orElse(null), record(asked));
            }
            store.approveSilently(asked); // silent: no pending request, no requested event
            events.resolved("silent", ask.deviceId(), "approved");
        }
        DeviceToken token =
                store.ensureToken(ask.deviceId(), ask.role(), ask.scopes()).orElseThrow();
        return new Admitted(method, ask.scopes(), token);
    }

    private String authenticateDeviceToken(
            Ask ask, GatewayException sharedFailure, String deviceToken, String tokenField) {
        String presented = deviceToken != null ? deviceToken : tokenField;
        if (presented == null) {
            throw sharedFailure;
        }
        Optional<DeviceToken> t = store.verifyToken(ask.deviceId(), ask.role(), presented);
        if (t.isEmpty()) {
            throw deviceToken != null
                    ? authFailure(
                            "AUTH_DEVICE_TOKEN_MISMATCH",
                            "device_token_mismatch",
                            "unauthorized: device token mismatch (rotate/reissue device token)",
                            "update_auth_credentials")
                    : sharedFailure;
        }
        if (!t.get().scopes().containsAll(ask.scopes())) {
            throw authFailure(
                    "AUTH_SCOPE_MISMATCH",
                    "scope_mismatch",
                    "unauthorized: device token scope mismatch (re-pair or approve scope upgrade)",
                    "review_auth_configuration");
        }
        return "device-token";
    }

    /** Null when the device is paired for this role, these scopes and this metadata; else the reason. */
    static String pairingNeeded(Ask ask, PairedDevice d) {
        if (d == null || !d.publicKey().equals(ask.publicKey())) {
            return "not-paired";
        }
        if (!d.roles().contains(ask.role())) {
            return "role-upgrade";
        }
        if (!d.scopes().containsAll(ask.scopes())) {
            return "scope-upgrade";
        }
        if (!family(d.platform()).equals(family(ask.platform()))
                || !lower(d.deviceFamily()).equals(lower(ask.deviceFamily()))) {
            return "metadata-upgrade";
        }
        return null;
    }

    /** Silent local approval (protocol §2.6.3), for direct-local clients only. */
    private static boolean silentApprovalApplies(Ask ask, String reason, String method, boolean alreadyPaired) {
        if (!ask.autoApproveLocal() || !ask.directLocal()) {
            return false;
        }
        if (alreadyPaired && !"operator".equals(ask.role()) && "role-upgrade".equals(reason)) {
            return false;
        }
        return !"scope-upgrade".equals(reason)
                || List.of("none", "token", "password").contains(method);
    }

    private static PendingRequest asked(Ask ask, boolean repair) {
        return new PendingRequest(
                "",
                ask.deviceId(),
                ask.publicKey(),
                ask.displayName(),
                ask.platform(),
                ask.deviceFamily(),
                ask.clientId(),
                ask.clientMode(),
                ask.role(),
                List.of(ask.role()),
                ask.scopes(),
                ask.remoteIp(),
                false,
                repair,
                System.currentTimeMillis());
    }

    /** Records the request (same surface: same id) and announces it; superseded ones are resolved rejected. */
    private PendingRequest record(PendingRequest asked) {
        PairingStore.Requested r = store.request(asked);
        r.superseded().forEach(s -> events.resolved(s.requestId(), s.deviceId(), "rejected"));
        if (r.fresh()) {
            events.requested(r.request());
        }
        return r.request();
    }

    private GatewayException pairingRequired(Ask ask, String reason, PairedDevice d, PendingRequest pending) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", "PAIRING_REQUIRED");
        details.put("reason", reason);
        details.put("requestId", pending.requestId());
        details.put(
                "remediationHint",
                "approve it on the gateway host: talon devices approve " + pending.requestId()
                        + " (or openclaw devices approve " + pending.requestId() + ")");
        details.put("deviceId", ask.deviceId());
        details.put("requestedRole", ask.role());
        details.put("requestedScopes", ask.scopes());
        if (d != null) {
            details.put("approvedRoles", d.roles());
            details.put("approvedScopes", d.scopes());
        }
        return new GatewayException(
                ErrorCode.NOT_PAIRED, "pairing required: " + REQUIREMENTS.get(reason), details, null, null);
    }

    private static final Map<String, String> REQUIREMENTS = Map.of(
            "not-paired", "device is not approved yet",
            "role-upgrade", "device is asking for a higher role than currently approved",
            "scope-upgrade", "device is asking for more scopes than currently approved",
            "metadata-upgrade", "device identity changed and must be re-approved");

    static GatewayException authFailure(String code, String reason, String message, String next) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("authReason", reason);
        d.put("canRetryWithDeviceToken", false);
        d.put("recommendedNextStep", next);
        return new GatewayException(ErrorCode.INVALID_REQUEST, message, d, null, null);
    }

    /** Known operator scopes in the order asked, without duplicates; none for nodes. */
    public static List<String> knownScopes(String role, List<String> requested) {
        if (!"operator".equals(role)) {
            return List.of();
        }
        LinkedHashSet<String> s = new LinkedHashSet<>();
        requested.stream().filter(Scopes::isKnown).forEach(s::add);
        return List.copyOf(s);
    }

    /** OS family of a platform string: {@code "ios 18.3"} and {@code "ios 18.4"} are the same family. */
    static String family(String platform) {
        String p = lower(platform);
        int space = p.indexOf(' ');
        return space < 0 ? p : p.substring(0, space);
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
