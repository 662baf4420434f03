package dev.talon.node.protocol.internal;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.talon.node.protocol.NodeCommand;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands installed families declare (whiteboard of {@link NodeCommand} services). A command is
 * invocable only while a family declares it; the first registration of a name wins (lowest service id).
 */
@Component(service = CommandFamilies.class)
public final class CommandFamilies {
    private static final Logger LOG = LoggerFactory.getLogger(CommandFamilies.class);

    /**
     * One declared command.
     *
     * @param name the command
     * @param danger {@code safe}, {@code approval} or {@code admin}
     * @param schema the compiled params schema, or null when the family declares none
     * @param family the declaring bundle's symbolic name
     * @param serviceId the declaring service
     * @param defaultPlatforms platforms on which the family allows the command by default ({@code *}: all)
     * @param plugin the owning plugin ({@link NodeCommand#PLUGIN}), or null for a core command
     */
    public record Spec(
            String name,
            String danger,
            Schema schema,
            String family,
            long serviceId,
            Set<String> defaultPlatforms,
            String plugin) {
        boolean allowedByDefaultOn(String platformId) {
            return defaultPlatforms.contains("*") || defaultPlatforms.contains(platformId);
        }
    }

    private final Map<Long, Spec> byService = new ConcurrentHashMap<>();
    /**
     * Derived from {@link #byService} on every change: the winning declaration per command (lowest service id),
     * and {@link #defaultsFor} per platform id, filled on demand.
     */
    private record Table(Map<String, Spec> byName, Map<String, Set<String>> defaults) {}

    private volatile Table table = new Table(Map.of(), new ConcurrentHashMap<>());

    @Reference(
            service = NodeCommand.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindCommand(ServiceReference<NodeCommand> ref) {
        Object name = ref.getProperty(NodeCommand.NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.warn("Ignoring a NodeCommand service without {}", NodeCommand.NAME);
            return;
        }
        Object danger = ref.getProperty(NodeCommand.DANGER);
        Bundle b = ref.getBundle();
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        byService.put(
                id,
                new Spec(
                        n,
                        danger instanceof String d ? d : NodeCommand.DANGER_APPROVAL,
                        schema(b, ref.getProperty(NodeCommand.PARAMS_SCHEMA), n),
                        b == null ? "?" : b.getSymbolicName(),
                        id,
                        strings(ref.getProperty(NodeCommand.DEFAULT_PLATFORMS)),
                        ref.getProperty(NodeCommand.PLUGIN) instanceof String p && !p.isBlank() ? p : null));
        changed();
    }

    void unbindCommand(ServiceReference<NodeCommand> ref) {
        byService.remove((Long) ref.getProperty(Constants.SERVICE_ID));
        changed();
    }

    private synchronized void changed() {
        table = new Table(
                byService.values().stream()
                        .collect(Collectors.toUnmodifiableMap(
                                Spec::name, s -> s, (a, b) -> a.serviceId() <= b.serviceId() ? a : b)),
                new ConcurrentHashMap<>());
    }

    /** The installed declaration of {@code command}, if any family provides it. Lock-free. */
    public Optional<Spec> get(String command) {
        return Optional.ofNullable(table.byName().get(command));
    }

    /** The commands installed families allow by default on {@code platformId} (see {@link CommandPolicy}). */
    public Set<String> defaultsFor(String platformId) {
        Table t = table;
        return t.defaults().computeIfAbsent(platformId, id -> t.byName().values().stream()
                .filter(s -> s.allowedByDefaultOn(id))
                .map(Spec::name)
                .collect(Collectors.toUnmodifiableSet()));
    }

    private static Set<String> strings(Object property) {
        if (property instanceof String s) {
            return Set.of(s);
        }
        if (property instanceof String[] a) {
            return Set.copyOf(Arrays.asList(a));
        }
        return Set.of();
    }

    private static Schema schema(Bundle bundle, Object path, String command) {
        if (!(path instanceof String p) || p.isBlank() || bundle == null) {
            return null;
        }
        try {
            URL url = bundle.getEntry(p);
            if (url == null) {
                throw new IllegalStateException("no entry " + p);
            }
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                SpecificationVersion v =
                        text.contains("draft-07") ? SpecificationVersion.DRAFT_7 : SpecificationVersion.DRAFT_2020_12;
                return SchemaRegistry.withDefaultDialect(v).getSchema(text, InputFormat.JSON);
            }
        } catch (Exception e) {
            LOG.error(
                    "Params schema {} of node command {} from {} cannot be loaded; the command refuses all params",
                    p,
                    command,
                    bundle.getSymbolicName(),
                    e);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema("false", InputFormat.JSON);
        }
    }
}
