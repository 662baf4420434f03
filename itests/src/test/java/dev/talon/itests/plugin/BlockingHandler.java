package dev.talon.itests.plugin;

import dev.talon.gateway.api.MethodCall;
import dev.talon.gateway.api.MethodHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Synthetic plugin handler that holds its worker thread (up to 10 s, or until its bundle stops) without
 * answering: the deadline must answer for it while other calls keep being served.
 */
public final class BlockingHandler implements MethodHandler {
    private final CountDownLatch released = new CountDownLatch(1);

    /** DS deactivate method: frees any blocked worker. */
    public void deactivate() {
        released.countDown();
    }

    @Override
    public void handle(MethodCall call) {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
