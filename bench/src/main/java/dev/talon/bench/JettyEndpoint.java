package dev.talon.bench;

import dev.talon.bench.Transport.WsHandler;
import org.eclipse.jetty.websocket.api.Session;

/** Jetty listener adapter; public because Jetty binds the callbacks through method handles. */
public final class JettyEndpoint implements Session.Listener.AutoDemanding {
    private final WsHandler handler;
    private volatile JettyTransport.Conn conn;

    JettyEndpoint(WsHandler handler) {
        this.handler = handler;
    }

    JettyTransport.Conn conn() {
        return conn;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        conn = new JettyTransport.Conn(session, handler);
        handler.onOpen(conn);
    }

    @Override
    public void onWebSocketText(String text) {
        handler.onText(text);
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        handler.onClose(code, reason);
    }

    @Override
    public void onWebSocketError(Throwable error) {
        handler.onError(error);
    }
}
