package dev.talon.node.protocol.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code system.run} invocations the gateway forwarded, so that a node's {@code exec.started|finished|denied}
 * events are accepted only for runs that node really got (protocol §3.5). A run is bound to the node, the
 * node's connection, the gateway-issued run id and the session key the invocation carried, if any; neither the
 * run id alone nor a payload field grants anything. {@code exec.started} keeps the record, {@code exec.finished}
 * and {@code exec.denied} consume it; a node's runs end with its connection. At most {@value #MAX_RUNS} runs are
 * kept (the oldest is dropped). Synchronized; short.
 */
@Component(service = ExecRuns.class)
public final class ExecRuns {
    static final int MAX_RUNS = 1024;

    /** One forwarded run. */
    record Run(String nodeId, String connectionId, String runId, String sessionKey) {}

    private final Map<String, Run> runs = new LinkedHashMap<>();

    /** Records a {@code system.run} forwarded to the node on {@code connectionId}. */
    public synchronized void forwarded(String nodeId, String connectionId, String runId, String sessionKey) {
        runs.put(runId, new Run(nodeId, connectionId, runId, sessionKey));
        while (runs.size() > MAX_RUNS) {
            runs.remove(runs.keySet().iterator().next());
        }
    }

    /**
     * Matches a lifecycle event of the node on {@code connectionId}.
     *
     * @param consume whether the event ends the run ({@code exec.finished}, {@code exec.denied})
     * @return whether the run is one this node's connection was given (and, when the invocation bound a session
     *     key, the event names the same one)
     */
    public synchronized boolean match(
            String nodeId, String connectionId, String runId, String sessionKey, boolean consume) {
        Run r = runId == null ? null : runs.get(runId);
        boolean matched = r != null
                && r.nodeId().equals(nodeId)
                && r.connectionId().equals(connectionId)
                && (r.sessionKey() == null || Objects.equals(r.sessionKey(), sessionKey));
        if (matched && consume) {
            runs.remove(runId);
        }
        return matched;
    }

    /** Forgets the runs forwarded on a connection that closed or was replaced. */
    public synchronized void connectionGone(String connectionId) {
        runs.values().removeIf(r -> r.connectionId().equals(connectionId));
    }
}
