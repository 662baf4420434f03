package dev.talon.gateway.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implements one wire method. Register one DS component per method, annotated with {@link GatewayMethod}:
 *
 * <pre>{@code
 * @Component(service = MethodHandler.class)
 * @GatewayMethod(name = "telegram.status", scope = Scopes.READ)
 * public final class TelegramStatusMethod implements MethodHandler {
 *     @Override
 *     public void handle(MethodCall call) {
 *         call.respond(Map.of("ok", true));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Routing.</b> Core reads {@link #NAME} and {@link #SCOPE} from the service properties; it never
 * activates a handler to ask what it handles. Scope checks happen before {@code handle} is called.
 *
 * <p><b>Conflicts.</b> When several services declare the same name, the one with the highest
 * {@code service.ranking} wins and a tie goes to the lowest {@code service.id} (the oldest registration).
 * The others are shadowed (one WARN is logged) and take over when the winner goes away.
 *
 * <p><b>Threading.</b> {@code handle} runs on a gateway worker thread, never on a network thread, under a
 * deadline ({@code gateway.handlerTimeoutMs}). It should return quickly; long work should complete the call
 * asynchronously. It may complete the call before or after returning. A thrown {@link GatewayException} fails
 * the call with that error; any other throwable fails it with {@link ErrorCode#INTERNAL} and a correlation id,
 * is logged at ERROR once, and leaves the connection up.
 */
@ConsumerType
public interface MethodHandler {

    /** Service property (String): the wire method name, e.g. {@code channels.status}. */
    String NAME = "gateway.method.name";

    /**
     * Service property (String): the scope the caller needs, e.g. {@code operator.read}; {@code node} for
     * node-role-only methods. Defaults to {@code operator.admin} when absent or unknown.
     */
    String SCOPE = "gateway.method.scope";

    /**
     * Service property (String): {@value #IDEMPOTENCY_NONE}, {@value #IDEMPOTENCY_OPTIONAL} or
     * {@value #IDEMPOTENCY_REQUIRED}. For a side-effecting method, core reads the {@code idempotencyKey}
     * string param and deduplicates per method and key for 5 minutes (at most 1,000 finished entries; calls
     * still running are never evicted): a repeat while the first call runs is answered
     * {@code {status:"in_flight", idempotencyKey}}; a repeat after it finished gets the first outcome again;
     * a repeat with different params under the same key is refused with {@code INVALID_REQUEST}. The handler
     * runs once per key. {@code required} refuses calls without a key.
     */
    String IDEMPOTENCY = "gateway.method.idempotency";

    String IDEMPOTENCY_NONE = "none";
    String IDEMPOTENCY_OPTIONAL = "optional";
    String IDEMPOTENCY_REQUIRED = "required";

    /**
     * Service property (String): the bundle entry path of the JSON Schema the call's params must satisfy.
     * Core validates before {@code handle} is called (params absent count as {@code {}}) and answers
     * violations with {@code INVALID_REQUEST "invalid <method> params: <field>: <reason>"}; the handler then
     * only sees valid params. A schema that cannot be read or compiled makes the method fail with
     * {@code UNAVAILABLE} (logged once at ERROR).
     */
    String PARAMS_SCHEMA = "gateway.method.params.schema";

    /** Handles one call. See the class Javadoc for the threading and failure contract. */
    void handle(MethodCall call);
}
