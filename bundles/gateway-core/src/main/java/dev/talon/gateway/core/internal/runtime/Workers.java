package dev.talon.gateway.core.internal.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The gateway's threads: a bounded worker pool that runs handshakes and method handlers (never a Jetty
 * network thread), and a timer pool for deadlines, ticks and periodic work.
 */
@Component(service = Workers.class)
public final class Workers {
    /** Work items queued beyond the running ones before callers are told the gateway is busy. */
    public static final int QUEUE_CAPACITY = 20_000;
    /** Threads for contributed HTTP routes (they write with blocking streams, so a slow client holds one). */
    public static final int ROUTE_THREADS = 8;
    /** Route requests waiting for a route thread before new ones are answered 503. */
    public static final int ROUTE_QUEUE_CAPACITY = 32;
    /** Threads writing the responses to overlapping requests; see {@link #flushers()}. */
    private static final int FLUSH_THREADS = 1;

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timers;
    private final ThreadPoolExecutor routes;
    private final ThreadPoolExecutor flushers;

    @Activate
    public Workers() {
        int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        pool = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                named("talon-worker-"));
        pool.allowCoreThreadTimeOut(true);
        routes = new ThreadPoolExecutor(
                ROUTE_THREADS,
                ROUTE_THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ROUTE_QUEUE_CAPACITY),
                named("talon-route-"));
        routes.allowCoreThreadTimeOut(true);
        flushers = new ThreadPoolExecutor(
                FLUSH_THREADS, FLUSH_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("talon-flush-"));
        flushers.allowCoreThreadTimeOut(true);
        timers = new ScheduledThreadPoolExecutor(1, named("talon-timer-"));
        timers.setRemoveOnCancelPolicy(true);
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow();
        routes.shutdownNow();
        flushers.shutdownNow();
        timers.shutdownNow();
    }

    /** Runs handshakes and handlers; rejects with {@link java.util.concurrent.RejectedExecutionException} when full. */
    public ExecutorService pool() {
        return pool;
    }

    /**
     * Runs contributed HTTP routes, off Jetty's threads: clients that read slowly (or not at all) then hold route
     * threads, never the threads that serve WebSocket frames and the health endpoints. Rejects with
     * {@link java.util.concurrent.RejectedExecutionException} when all are busy and the queue is full.
     */
    public ExecutorService routes() {
        return routes;
    }

    /**
     * Writes the responses that overlapping requests of one connection queued (see {@code Connection}): at most one
     * task per connection waits at a time, so the queue is bounded by the number of connections. A write never
     * blocks (Jetty finishes a partial write from its selector), and one write carries every frame queued by then, so
     * one thread keeps up: a second one made no difference at 32 connections × 32 requests in flight.
     */
    public Executor flushers() {
        return flushers;
    }

    public ScheduledExecutorService timers() {
        return timers;
    }

    /** Tasks waiting for a worker right now. */
    public int queued() {
        return pool.getQueue().size();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
