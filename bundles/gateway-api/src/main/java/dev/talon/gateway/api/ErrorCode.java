package dev.talon.gateway.api;

/**
 * Top-level error codes of the OpenClaw Gateway protocol ({@code error.code} of a failed response).
 *
 * <p>Clients branch on these codes and on {@code details.code}; the human-readable message is secondary.
 */
public enum ErrorCode {
    /** Schema or precondition failure, unknown method, unauthorized role, and every handshake auth failure. */
    INVALID_REQUEST,
    /** The authenticated caller lacks a required operator scope, or a policy denies the call. */
    FORBIDDEN,
    /** Device pairing or a device identity is required. */
    NOT_PAIRED,
    /** A transient condition: backend unavailable, gateway busy, deadline exceeded. Usually retryable. */
    UNAVAILABLE,
    /** An approval resolution referenced a missing or expired approval. */
    APPROVAL_NOT_FOUND,
    /**
     * Talon extension: an unexpected failure inside a handler. The message carries a correlation id that
     * matches the ERROR log line holding the stack trace.
     */
    INTERNAL
}
