package dev.talon.gateway.core.internal.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A computation that runs exactly once, on whichever thread asks first: a start-up thread can do it ahead of time,
 * and a caller that comes while it runs waits for that result instead of doing the same work next to it (two
 * threads initialising the same library's classes at once can deadlock on class initialisation). Thread-safe.
 *
 * @param <T> the result
 */
public final class Once<T> {
    private final FutureTask<T> task;

    public Once(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /**
     * The result: computed here unless another thread did or is doing it (then this waits, uninterruptibly: the
     * wait is bounded by the work itself). A failure of the work is thrown to every caller.
     */
    public T get() {
        task.run(); // no-op when the task is done or running on another thread
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the work has finished (successfully or not). */
    public boolean isDone() {
        return task.isDone();
    }
}
