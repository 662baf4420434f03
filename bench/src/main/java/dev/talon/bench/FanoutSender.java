package dev.talon.bench;

import dev.talon.bench.Frames.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** The admin side of the fan-out: M {@code system-event} calls with a few in flight. */
final class FanoutSender implements GatewayClient.FrameHandler {
    private final ConnectSpec spec;
    private final String prefix;
    private final int events;
    private final int inflight;
    private final ErrorLog errors;
    private final AtomicLongArray sentAt;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private GatewayClient client;

    FanoutSender(ConnectSpec spec, String prefix, int events, int inflight, ErrorLog errors) {
        this.spec = spec;
        this.prefix = prefix;
        this.events = events;
        this.inflight = Math.max(1, inflight);
        this.errors = errors;
        this.sentAt = new AtomicLongArray(events);
    }

    /** Connects, sends all events, and waits (bounded) for all responses. */
    void run(long timeoutMs) throws InterruptedException {
        client = GatewayClient.open(spec, this);
        try {
            client.hello().get(Connections.HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            for (int i = 0; i < Math.min(inflight, events); i++) {
                sendNext();
            }
            done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchException("admin connection: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            errors.add("system-event: only " + answered.get() + " of " + events + " answered in time");
        } finally {
            client.close();
        }
    }

    private void sendNext() {
        int i = next.getAndIncrement();
        if (i < events) {
            sentAt.set(i, System.nanoTime());
            client.send(Frames.systemEvent("e" + i, prefix + i));
        }
    }

    @Override
    public void onFrame(GatewayClient c, Frame f) {
        if (!f.isRes() || f.id() == null || !f.id().startsWith("e")) {
            return;
        }
        if (!f.ok()) {
            errors.add("system-event " + Frames.error(f));
        }
        if (answered.incrementAndGet() == events) {
            done.complete(null);
        } else {
            sendNext();
        }
    }

    long firstSend() {
        return sentAt.length() == 0 ? 0 : sentAt.get(0);
    }

    long sentAt(int index) {
        return sentAt.get(index);
    }

    /** Highest event index whose text occurs in {@code raw}, or -1. */
    int newestIndexIn(String raw) {
        int best = -1;
        for (int at = raw.indexOf(prefix); at >= 0; at = raw.indexOf(prefix, at + 1)) {
            int end = at + prefix.length();
            int value = 0;
            boolean digits = false;
            while (end < raw.length() && Character.isDigit(raw.charAt(end))) {
                value = value * 10 + (raw.charAt(end++) - '0');
                digits = true;
            }
            if (digits && value < events && sentAt.get(value) != 0) {
                best = Math.max(best, value);
            }
        }
        return best;
    }
}
