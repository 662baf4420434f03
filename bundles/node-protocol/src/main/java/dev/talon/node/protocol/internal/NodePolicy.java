package dev.talon.node.protocol.internal;

import dev.talon.gateway.api.ClientInfo;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live node command policy (protocol §3.7): {@code gateway.nodes.commands.allow|deny} from the gateway's
 * configuration (PID {@value #PID}, which core fills from {@code talon.json}) plus the families' defaults.
 * A configuration edit is applied by {@link #configure} without restarting anything: the next check sees it.
 */
@Component(
        service = NodePolicy.class,
        configurationPid = NodePolicy.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class NodePolicy {
    /** The gateway's configuration PID (core's {@code GatewayConfig.PID}). */
    static final String PID = "dev.talon.gateway";

    private static final Logger LOG = LoggerFactory.getLogger(NodePolicy.class);

    @ObjectClassDefinition(name = "Talon node command policy", description = "gateway.nodes.commands.*")
    public @interface Config {
        @AttributeDefinition(
                name = "Allowed node commands",
                description = "Commands allowed beyond the platform defaults; needed for dangerous commands")
        String[] nodes_commands_allow() default {};

        @AttributeDefinition(
                name = "Denied node commands",
                description = "Commands never invocable, whatever the defaults or the allow list say")
        String[] nodes_commands_deny() default {};
    }

    private final CommandFamilies families;
    private volatile CommandPolicy policy = CommandPolicy.DEFAULTS;

    @Activate
    public NodePolicy(@Reference CommandFamilies families, Config config) {
        this.families = families;
        configure(config);
    }

    @Modified
    void configure(Config config) {
        CommandPolicy next = CommandPolicy.of(config.nodes_commands_allow(), config.nodes_commands_deny());
        if (!next.equals(policy)) {
            LOG.info("Node command policy: allow {}, deny {}", next.allow(), next.deny());
        }
        policy = next;
    }

    /** The policy in force. */
    public CommandPolicy current() {
        return policy;
    }

    /** Refusal reason for a plugin-owned command on a node admitted through the v3 window (protocol §3.1). */
    static final String PLUGIN_WITHHELD = "plugin-owned command withheld from a protocol 3 node";

    /** Why the policy refuses {@code command} for the node {@code client}, or null when it allows it. */
    public String refusal(ClientInfo client, String command) {
        if (client.legacyProtocol()
                && families.get(command).map(CommandFamilies.Spec::plugin).isPresent()) {
            return PLUGIN_WITHHELD;
        }
        String platform = CommandPolicy.platformId(client.platform(), client.deviceFamily());
        return policy.refusal(command, platform, families.defaultsFor(platform), talk(client));
    }

    /** {@code commands} without those the policy refuses for {@code client}. */
    public List<String> allowed(ClientInfo client, List<String> commands) {
        return commands.stream().filter(c -> refusal(client, c) == null).toList();
    }

    private static boolean talk(ClientInfo client) {
        return client.surface().caps().contains("talk")
                || client.surface().commands().stream().anyMatch(c -> c.startsWith("talk."));
    }
}
