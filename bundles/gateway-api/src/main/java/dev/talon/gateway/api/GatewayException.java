package dev.talon.gateway.api;

import java.util.Objects;

/**
 * The one failure type of the gateway API: a protocol error with a code, a message and optional details.
 *
 * <p>Handlers throw it (or pass it to {@link MethodCall#fail(GatewayException)}) to answer a request with
 * {@code ok:false}. Core maps it to the wire {@code ErrorShape} unchanged; any other throwable becomes
 * {@link ErrorCode#INTERNAL}. Instances are immutable; {@code with*} methods return copies.
 *
 * <pre>{@code
 * throw GatewayException.invalidRequest("invalid system-event params: text required");
 * }</pre>
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Object details;
    private final Boolean retryable;
    private final Long retryAfterMs;

    /**
     * @param code the protocol error code
     * @param message the human-readable message, never blank
     * @param details optional structured details ({@link JsonValue}, map, list, record or scalar), or null
     * @param retryable whether the client may retry, or null when unspecified
     * @param retryAfterMs the suggested retry delay, or null
     */
    public GatewayException(ErrorCode code, String message, Object details, Boolean retryable, Long retryAfterMs) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.details = details;
        this.retryable = retryable;
        this.retryAfterMs = retryAfterMs;
    }

    /** An {@link ErrorCode#INVALID_REQUEST} error without details. */
    public static GatewayException invalidRequest(String message) {
        return new GatewayException(ErrorCode.INVALID_REQUEST, message, null, null, null);
    }

    /** An {@link ErrorCode#FORBIDDEN} error without details. */
    public static GatewayException forbidden(String message) {
        return new GatewayException(ErrorCode.FORBIDDEN, message, null, null, null);
    }

    /** A retryable {@link ErrorCode#UNAVAILABLE} error. */
    public static GatewayException unavailable(String message, long retryAfterMs) {
        return new GatewayException(ErrorCode.UNAVAILABLE, message, null, Boolean.TRUE, retryAfterMs);
    }

    /** A copy carrying the given details. */
    public GatewayException withDetails(Object newDetails) {
        return new GatewayException(code, getMessage(), newDetails, retryable, retryAfterMs);
    }

    public ErrorCode code() {
        return code;
    }

    /** The structured details, or null. */
    public Object details() {
        return details;
    }

    /** Whether the client may retry, or null when unspecified. */
    public Boolean retryable() {
        return retryable;
    }

    /** The suggested retry delay in milliseconds, or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
