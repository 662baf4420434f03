package dev.talon.node.protocol;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marker service declaring one node command a family makes invocable. Routing reads the service
 * properties only; the service object is never called. Register it with {@link NodeCommandSpec}:
 *
 * <pre>{@code
 * @Component(service = NodeCommand.class)
 * @NodeCommandSpec(name = "system.which", danger = NodeCommand.DANGER_SAFE, params_schema = "/schema/system.which.json")
 * public final class SystemWhichCommand implements NodeCommand {}
 * }</pre>
 */
@ConsumerType
public interface NodeCommand {
    /** Service property (String): the command name, e.g. {@code system.run}. */
    String NAME = "node.command.name";
    /** Service property (String): {@value #DANGER_SAFE}, {@value #DANGER_APPROVAL} or {@value #DANGER_ADMIN}. */
    String DANGER = "node.command.danger";
    /** Service property (String): bundle entry path of the JSON Schema the command's params must satisfy. */
    String PARAMS_SCHEMA = "node.command.params.schema";
    /**
     * Service property (String[]): node platforms on which the gateway allows the command without a
     * {@code gateway.nodes.commands.allow} entry ({@code ios}, {@code watchos}, {@code android}, {@code macos},
     * {@code linux}, {@code windows}, {@code unknown}, or {@code *} for all). Dangerous commands (protocol §3.7)
     * are never allowed by default, whatever a family declares. Absent: only the protocol's platform defaults apply.
     */
    String DEFAULT_PLATFORMS = "node.command.defaultPlatforms";
    /**
     * Service property (String): the plugin that owns the command (e.g. {@code canvas}), absent or empty for
     * core node commands. Plugin-owned commands are withheld from nodes admitted through the protocol's N-1
     * window ({@link dev.talon.gateway.api.ClientInfo#legacyProtocol()}, protocol §3.1).
     *
     * @since 1.1
     */
    String PLUGIN = "node.command.plugin";

    /** Invocable once the node's command surface is approved; needs {@code operator.write}. */
    String DANGER_SAFE = "safe";
    /** Executes code on the node: approving a surface that declares it needs {@code operator.admin}. */
    String DANGER_APPROVAL = "approval";
    /** Invocable only by {@code operator.admin} callers. */
    String DANGER_ADMIN = "admin";
}
