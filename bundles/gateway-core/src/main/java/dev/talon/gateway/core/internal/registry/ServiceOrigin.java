package dev.talon.gateway.core.internal.registry;

import java.util.Comparator;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Where a whiteboard registration comes from and how it ranks, read once from its service reference.
 *
 * @param serviceId {@code service.id}
 * @param ranking {@code service.ranking} (0 when absent or not an Integer)
 * @param bundleId the registering bundle's id, or -1 when it is gone
 * @param bundleSymbolicName the registering bundle's symbolic name, or {@code ?}
 */
public record ServiceOrigin(long serviceId, int ranking, long bundleId, String bundleSymbolicName) {
    /** The whiteboard conflict rule: highest {@code service.ranking} first, then lowest {@code service.id}. */
    public static final Comparator<ServiceOrigin> PRECEDENCE =
            Comparator.comparingInt(ServiceOrigin::ranking).reversed().thenComparingLong(ServiceOrigin::serviceId);

    public static ServiceOrigin of(ServiceReference<?> ref) {
        return new ServiceOrigin(
                (Long) ref.getProperty(Constants.SERVICE_ID),
                ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                ref.getBundle() == null ? -1 : ref.getBundle().getBundleId(),
                ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName());
    }
}
