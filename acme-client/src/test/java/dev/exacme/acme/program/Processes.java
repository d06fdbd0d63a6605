package dev.exacme.acme.program;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether a process is gone, as the tests of stopped programs ask it. */
public final class Processes {

    private Processes() {
    }

    /**
     * Whether {@code pid} has ended within a few seconds. A killed grandchild is re-parented to
     * the system's init, which in some containers reaps late; until then it is a zombie, which
     * {@link ProcessHandle#isAlive()} counts as alive although it no longer runs.
     */
    public static boolean gone(long pid) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || zombie(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean zombie(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (command) state ...": the command may hold spaces and parentheses.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
