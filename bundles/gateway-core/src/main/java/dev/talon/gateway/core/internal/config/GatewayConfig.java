package dev.talon.gateway.core.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway server's configuration (PID {@value #PID}), pushed into Configuration Admin by
 * {@link TalonConfigLoader} from {@code talon.json}, the environment and CLI flags.
 */
@ObjectClassDefinition(name = "Talon gateway", description = "WebSocket + HTTP listener, auth and limits")
public @interface GatewayConfig {
    String PID = "dev.talon.gateway";
    String DEFAULT_HOST = "127.0.0.1";
    int DEFAULT_PORT = 18789;
    long DEFAULT_TICK_MS = 30_000;
    int DEFAULT_MAX_CONNECTIONS = 100;
    long DEFAULT_HANDLER_TIMEOUT_MS = 30_000;
    int DEFAULT_RATE_LIMIT_MAX_ATTEMPTS = 10;
    long DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;
    long DEFAULT_RATE_LIMIT_LOCKOUT_MS = 300_000;
    int DEFAULT_MAX_PREAUTH_PER_IP = 32;

    @AttributeDefinition(name = "Host", description = "Listen address (IP literal or host name)")
    String host() default DEFAULT_HOST;

    @AttributeDefinition(name = "Port", description = "Listen port for WebSocket and HTTP", min = "1", max = "65535")
    int port() default DEFAULT_PORT;

    @AttributeDefinition(name = "Auth mode", description = "none | token | password")
    String auth_mode() default "token";

    @AttributeDefinition(name = "Token", description = "Shared token", type = AttributeType.PASSWORD)
    String auth_token() default "";

    @AttributeDefinition(name = "Password", description = "Shared password", type = AttributeType.PASSWORD)
    String auth_password() default "";

    @AttributeDefinition(name = "Tick interval", description = "tick event interval in ms (policy.tickIntervalMs)")
    long heartbeat() default DEFAULT_TICK_MS;

    @AttributeDefinition(name = "Max connections", description = "Concurrent WebSocket connections")
    int maxConnections() default DEFAULT_MAX_CONNECTIONS;

    @AttributeDefinition(name = "Handler timeout", description = "Deadline for one method handler, ms")
    long handlerTimeoutMs() default DEFAULT_HANDLER_TIMEOUT_MS;

    @AttributeDefinition(
            name = "Auto-approve local devices",
            description = "Pair devices that connect directly over loopback without an operator's approval")
    boolean nodes_pairing_autoApproveLocal() default true;

    @AttributeDefinition(
            name = "Auth failures per window",
            description = "Wrong credentials per client and credential class before a lockout")
    int auth_rateLimit_maxAttempts() default DEFAULT_RATE_LIMIT_MAX_ATTEMPTS;

    @AttributeDefinition(name = "Auth failure window", description = "Window for counting auth failures, ms")
    long auth_rateLimit_windowMs() default DEFAULT_RATE_LIMIT_WINDOW_MS;

    @AttributeDefinition(name = "Auth lockout", description = "Lockout after too many auth failures, ms")
    long auth_rateLimit_lockoutMs() default DEFAULT_RATE_LIMIT_LOCKOUT_MS;

    @AttributeDefinition(
            name = "Delay loopback instead of locking",
            description = "Direct loopback processes (no Origin, no proxy headers) are delayed, never locked out")
    boolean auth_rateLimit_exemptLoopback() default true;

    @AttributeDefinition(
            name = "Allowed browser origins",
            description = "Origins (scheme://host[:port]) allowed to open the WebSocket, or * for any")
    String[] controlUi_allowedOrigins() default {};

    @AttributeDefinition(
            name = "Trusted proxies",
            description = "Peer IPs or CIDRs whose X-Forwarded-For/Forwarded headers are believed")
    String[] trustedProxies() default {};

    @AttributeDefinition(
            name = "Unauthenticated sockets per IP",
            description = "Sockets per client address that may be open before hello-ok")
    int maxPreauthPerIp() default DEFAULT_MAX_PREAUTH_PER_IP;
}
