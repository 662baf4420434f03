package dev.talon.gateway.api;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One request being handled: who sent it, with which parameters, and how to answer it.
 *
 * <p>Exactly one outcome is delivered per call: the first of {@link #respond(Object)} or
 * {@link #fail(GatewayException)} wins and later attempts return {@code false}. The gateway may complete
 * the call itself first, when the handler's deadline passes or the connection closes. All methods are
 * thread-safe and never block; they may be called from any thread, after {@code handle} has returned.
 */
@ProviderType
public interface MethodCall {

    /** The wire method name, e.g. {@code health}. */
    String method();

    /** The gateway-assigned id of the connection ({@code hello-ok.server.connId}). */
    String connectionId();

    /** The connection's effective role: {@code operator} or {@code node}. */
    String role();

    /** The connection's effective scopes (what dispatch enforces); immutable. */
    Set<String> scopes();

    /** What the gateway knows about the calling client. */
    ClientInfo client();

    /**
     * The base URL of the gateway's HTTP side as the calling connection reached it: scheme, host and port, no
     * trailing slash, e.g. {@code http://127.0.0.1:18789}. For building URLs handed back to this client.
     *
     * @since 1.1
     */
    String httpBaseUrl();

    /** The request's {@code params}; an empty object when the request carried none. */
    JsonValue params();

    /**
     * The request's params as an object.
     *
     * @throws GatewayException {@code INVALID_REQUEST "invalid <method> params: …"} when params is not an object
     */
    JsonValue.JsonObject paramsObject();

    /**
     * Answers the call with {@code ok:true}.
     *
     * @param payload a {@link JsonValue}, map, list, record, string, number, boolean, or null for no payload
     * @return whether this was the call's outcome (false when it was already completed)
     */
    boolean respond(Object payload);

    /**
     * Answers the call with {@code ok:false} and the given error.
     *
     * @return whether this was the call's outcome (false when it was already completed)
     */
    boolean fail(GatewayException error);

    /**
     * Completes the call from a stage: its value is passed to {@link #respond(Object)}, a
     * {@link GatewayException} to {@link #fail(GatewayException)}, any other failure becomes an
     * {@link ErrorCode#INTERNAL} error.
     */
    void completeWith(CompletionStage<?> stage);

    /** Whether the call already has its outcome. */
    boolean isDone();

    /**
     * Moves the gateway's deadline for this call to {@code timeoutMs} from now when that is later than the current
     * one (the handler timeout, {@code gateway.handlerTimeoutMs}). For methods whose caller chooses a longer budget,
     * such as {@code node.invoke}'s {@code timeoutMs}; the handler stays responsible for answering within it.
     *
     * @param timeoutMs the new budget from now, in milliseconds; values of 0 or less change nothing
     * @since 1.1
     */
    void extendDeadline(long timeoutMs);
}
