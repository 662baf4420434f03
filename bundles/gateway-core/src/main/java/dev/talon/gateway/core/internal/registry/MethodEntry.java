package dev.talon.gateway.core.internal.registry;

import dev.talon.gateway.api.MethodHandler;
import dev.talon.gateway.api.RegistrySnapshot.MethodInfo;
import dev.talon.gateway.api.Scopes;
import java.util.Comparator;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * One {@link MethodHandler} registration. Routing comes from service properties; the handler instance is
 * obtained lazily on the first call, so a delayed component is activated only when first used.
 */
public final class MethodEntry {
    /** Precedence: highest {@code service.ranking} first, then lowest {@code service.id}. */
    static final Comparator<MethodEntry> PRECEDENCE = Comparator.comparing(e -> e.origin, ServiceOrigin.PRECEDENCE);

    private final String name;
    private final String scope;
    private final String idempotency;
    private final ServiceOrigin origin;
    private final LazyService<MethodHandler> instance;
    private final String paramsSchemaPath;
    private final org.osgi.framework.Bundle bundle;
    /** The compiled params schema, loaded on first use; {@link ParamsSchema#NONE} when none is declared. */
    private volatile ParamsSchema paramsSchema;

    MethodEntry(ComponentServiceObjects<MethodHandler> objects) {
        this.instance = new LazyService<>(objects);
        ServiceReference<MethodHandler> ref = objects.getServiceReference();
        Object n = ref.getProperty(MethodHandler.NAME);
        this.name = n instanceof String s ? s.trim() : "";
        Object sc = ref.getProperty(MethodHandler.SCOPE);
        this.scope = sc instanceof String s && (Scopes.isKnown(s) || Scopes.NODE.equals(s)) ? s : Scopes.ADMIN;
        Object idem = ref.getProperty(MethodHandler.IDEMPOTENCY);
        this.idempotency =
                MethodHandler.IDEMPOTENCY_REQUIRED.equals(idem) || MethodHandler.IDEMPOTENCY_OPTIONAL.equals(idem)
                        ? (String) idem
                        : MethodHandler.IDEMPOTENCY_NONE;
        this.origin = ServiceOrigin.of(ref);
        this.bundle = ref.getBundle();
        Object schema = ref.getProperty(MethodHandler.PARAMS_SCHEMA);
        this.paramsSchemaPath = schema instanceof String p && !p.isBlank() ? p : null;
    }

    public String name() {
        return name;
    }

    /** The required scope; unknown or missing declarations are treated as {@code operator.admin}. */
    public String scope() {
        return scope;
    }

    /** {@code none}, {@code optional} or {@code required}: whether core deduplicates by {@code idempotencyKey}. */
    public String idempotency() {
        return idempotency;
    }

    public long serviceId() {
        return origin.serviceId();
    }

    public int ranking() {
        return origin.ranking();
    }

    public String bundleSymbolicName() {
        return origin.bundleSymbolicName();
    }

    /**
     * The handler instance, activating its component on first use. Never called under a registry lock.
     *
     * @return the handler, or null when the service went away meanwhile
     */
    public MethodHandler handler() {
        return instance.get();
    }

    /** The params schema of this registration, compiled once from the contributing bundle. */
    public ParamsSchema paramsSchema() {
        ParamsSchema s = paramsSchema;
        if (s == null) {
            s = paramsSchemaPath == null ? ParamsSchema.NONE : ParamsSchema.load(bundle, paramsSchemaPath, name);
            paramsSchema = s;
        }
        return s;
    }

    /** Releases the instance obtained by {@link #handler()}, if any. */
    void release() {
        instance.release();
    }

    MethodInfo info(boolean active) {
        return new MethodInfo(
                name,
                scope,
                origin.serviceId(),
                origin.ranking(),
                origin.bundleId(),
                origin.bundleSymbolicName(),
                active);
    }
}
