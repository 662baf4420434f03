package dev.talon.gateway.core.internal.registry;

import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * A whiteboard service instance obtained on first use and released on unregistration, so a delayed
 * component is activated only when it is first needed. Thread-safe; never holds a lock while calling the
 * framework.
 */
public final class LazyService<T> {
    private final ComponentServiceObjects<T> objects;
    private final AtomicReference<T> instance = new AtomicReference<>();

    public LazyService(ComponentServiceObjects<T> objects) {
        this.objects = objects;
    }

    /** The instance, getting it on first use; null when the service went away meanwhile. */
    public T get() {
        T current = instance.get();
        if (current != null) {
            return current;
        }
        T fresh = objects.getService();
        if (fresh == null || instance.compareAndSet(null, fresh)) {
            return fresh;
        }
        objects.ungetService(fresh);
        return instance.get();
    }

    /** Releases the instance obtained by {@link #get()}, if any. */
    public void release() {
        T current = instance.getAndSet(null);
        if (current != null) {
            try {
                objects.ungetService(current);
            } catch (IllegalStateException | IllegalArgumentException alreadyGone) {
                // the framework already released it with the service
            }
        }
    }
}
