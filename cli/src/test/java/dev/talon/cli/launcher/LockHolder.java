package dev.talon.cli.launcher;

import java.nio.file.Path;

/** Child-process helper for {@link InstanceLockTest}: takes the lock, says so, then waits to be killed. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        var lock = InstanceLock.tryAcquire(Path.of(args[0]));
        System.out.println(lock.isPresent() ? "LOCKED" : "BUSY");
        System.out.flush();
        System.in.read(); // park until killed (stdin stays open)
    }
}
