package dev.talon.gateway.core.internal.protocol;

import dev.talon.gateway.api.ClientInfo;
import dev.talon.gateway.api.HelloContributor;
import dev.talon.gateway.core.internal.conn.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whiteboard of {@link HelloContributor}s, called while a {@code hello-ok} is built. Copy-on-write list in
 * {@code service.ranking} order (highest first, then lowest {@code service.id}); contributors are called
 * without any lock held, each inside its own try block.
 */
@Component(service = HelloContributors.class)
public final class HelloContributors {
    private static final Logger LOG = LoggerFactory.getLogger(HelloContributors.class);
    private static final Comparator<Registered> ORDER =
            Comparator.comparingInt(Registered::ranking).reversed().thenComparingLong(Registered::serviceId);

    private record Registered(HelloContributor contributor, int ranking, long serviceId) {}

    private volatile List<Registered> contributors = List.of();

    @Reference(
            service = HelloContributor.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    synchronized void bindContributor(HelloContributor contributor, Map<String, Object> props) {
        List<Registered> next = new ArrayList<>(contributors);
        next.add(new Registered(contributor, props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0, (Long)
                props.get(Constants.SERVICE_ID)));
        next.sort(ORDER);
        contributors = List.copyOf(next);
    }

    synchronized void unbindContributor(HelloContributor contributor) {
        contributors = contributors.stream()
                .filter(r -> r.contributor() != contributor)
                .toList();
    }

    /** Asks every contributor; returns {@code pluginSurfaceUrls} (empty when nobody added one). */
    public Map<String, String> pluginSurfaceUrls(Principal p, String connectionId, String httpBaseUrl) {
        Map<String, String> urls = new TreeMap<>();
        HelloContributor.Hello hello = new HelloContributor.Hello() {
            @Override
            public String connectionId() {
                return connectionId;
            }

            @Override
            public String role() {
                return p.role();
            }

            @Override
            public ClientInfo client() {
                return p.client();
            }

            @Override
            public String httpBaseUrl() {
                return httpBaseUrl;
            }

            @Override
            public void pluginSurfaceUrl(String surface, String url) {
                urls.put(surface, url);
            }
        };
        for (Registered r : contributors) {
            try {
                r.contributor().contribute(hello);
            } catch (RuntimeException e) {
                LOG.error(
                        "Hello contributor {} failed",
                        r.contributor().getClass().getName(),
                        e);
            }
        }
        return urls;
    }
}
