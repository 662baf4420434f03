package dev.talon.gateway.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live registry of wire methods contributed as {@link MethodHandler} services. Provided by the core.
 * Thread-safe; {@link #snapshot()} never blocks.
 */
@ProviderType
public interface MethodRegistry {

    /** An immutable view of every registration, winners and shadowed ones. */
    RegistrySnapshot snapshot();
}
