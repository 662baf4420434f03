package dev.talon.node.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecRunsTest {
    @Test
    void onlyTheNodeConnectionThatGotTheRunMatchesItAndFinishingConsumesIt() {
        ExecRuns runs = new ExecRuns();
        runs.forwarded("node-a", "conn-a", "run-1", null);
        assertFalse(runs.match("node-b", "conn-b", "run-1", null, true), "another node cannot claim the run");
        assertFalse(runs.match("node-a", "conn-x", "run-1", null, true), "another connection cannot either");
        assertFalse(runs.match("node-a", "conn-a", "run-2", null, true), "an unknown run id is unmatched");
        assertTrue(runs.match("node-a", "conn-a", "run-1", "node", false), "started keeps the run");
        assertTrue(runs.match("node-a", "conn-a", "run-1", "node", true), "finished consumes it");
        assertFalse(runs.match("node-a", "conn-a", "run-1", "node", true), "a second finish is unmatched");
    }

    @Test
    void aBoundSessionKeyMustBeEchoedAndAClosedConnectionForgetsItsRuns() {
        ExecRuns runs = new ExecRuns();
        runs.forwarded("node-a", "conn-a", "run-1", "agent:main:main");
        assertFalse(runs.match("node-a", "conn-a", "run-1", "agent:other:main", true));
        assertTrue(runs.match("node-a", "conn-a", "run-1", "agent:main:main", false));
        runs.connectionGone("conn-a");
        assertFalse(runs.match("node-a", "conn-a", "run-1", "agent:main:main", true));
    }
}
