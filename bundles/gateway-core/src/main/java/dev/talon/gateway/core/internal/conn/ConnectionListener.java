package dev.talon.gateway.core.internal.conn;

/** What a {@link Connection} reports to the server. Implementations must not block the calling thread. */
public interface ConnectionListener {
    /** The socket is open: admit it, send the challenge. */
    void opened(Connection c);

    /** The first text frame (expected to be {@code connect}). */
    void handshake(Connection c, String text);

    /** A text frame after hello-ok. */
    void request(Connection c, String text);

    /** A binary frame arrived (not part of the protocol). */
    void binary(Connection c);

    /** The outbound buffer overflowed; the connection is being closed. */
    void slowConsumer(Connection c);

    /** The socket closed. */
    void closed(Connection c, int code, String reason);
}
