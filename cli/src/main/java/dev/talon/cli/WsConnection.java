package dev.talon.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client WebSocket on {@link java.net.http.WebSocket} that turns incoming text messages into a queue the
 * caller polls with deadlines. Single caller thread; the JDK delivers listener callbacks sequentially.
 */
final class WsConnection implements AutoCloseable {
    /** What the listener saw: a whole text message, the close frame, or a transport error. */
    record Incoming(String text, int closeCode, String closeReason, Throwable error) {
        static final int NOT_CLOSED = -1;
    }

    private final URI url;
    private final WebSocket socket;
    private final BlockingQueue<Incoming> inbox;

    private WsConnection(URI url, WebSocket socket, BlockingQueue<Incoming> inbox) {
        this.url = url;
        this.socket = socket;
        this.inbox = inbox;
    }

    /**
     * Opens the socket.
     *
     * @throws CliException when the gateway is unreachable, too slow, or refuses the upgrade
     */
    static WsConnection open(URI url, Duration timeout) {
        BlockingQueue<Incoming> inbox = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            WebSocket ws = http.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(url, new Listener(inbox))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new WsConnection(url, ws, inbox);
        } catch (ExecutionException e) {
            throw openFailure(url, e.getCause());
        } catch (TimeoutException e) {
            throw new CliException("timed out connecting to " + url, CliException.FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private static CliException openFailure(URI url, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new CliException(
                        "gateway not reachable at " + url + " (is it running? try 'talon gateway start')",
                        CliException.FAILURE);
            }
            if (t instanceof WebSocketHandshakeException h) {
                return new CliException(
                        "" + url + " refused the WebSocket upgrade (HTTP "
                                + h.getResponse().statusCode() + ")",
                        CliException.FAILURE);
            }
            if (t instanceof HttpTimeoutException) {
                return new CliException("timed out connecting to " + url, CliException.FAILURE);
            }
        }
        return new CliException("cannot connect to " + url + ": " + cause, cause);
    }

    URI url() {
        return url;
    }

    /** Sends one text frame and waits until it is handed to the transport. */
    void send(String text, Duration timeout) {
        try {
            socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("cannot send to " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    /**
     * The next whole text message, or null when {@code deadlineNanos} (a {@link System#nanoTime()} value)
     * passed first.
     *
     * @throws CliException when the gateway closed the socket or the transport failed
     */
    String next(long deadlineNanos) {
        try {
            Incoming in = inbox.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (in == null || in.text() != null) {
                return in == null ? null : in.text();
            }
            if (in.error() != null) {
                throw new CliException("connection to " + url + " failed: " + in.error(), in.error());
            }
            String reason = in.closeReason() == null || in.closeReason().isEmpty() ? "" : " " + in.closeReason();
            throw new CliException(
                    "gateway closed the connection (" + in.closeCode() + reason + ")", CliException.FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    /** Sends close 1000 and waits briefly for the gateway's close frame; never throws. */
    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (next(deadline) != null) {
                // drain frames that were already in flight until the close reply arrives
            }
        } catch (CliException | ExecutionException | TimeoutException e) {
            // closed by the gateway or already broken: nothing left to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
        }
    }

    /** Collects text fragments into whole messages; demand is one message at a time. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Incoming> inbox;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<Incoming> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(new Incoming(partial.toString(), Incoming.NOT_CLOSED, null, null));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            inbox.add(new Incoming(null, statusCode, reason, null));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.add(new Incoming(null, Incoming.NOT_CLOSED, null, error));
        }
    }
}
