package dev.exacme.lifecycle.acme;

import dev.exacme.acme.challenge.ChallengeSolver;
import dev.exacme.lifecycle.run.Progress;
import java.io.IOException;

/**
 * Removes challenge answers also when the process is interrupted (Ctrl+C, a service stop):
 * no token files left in a webroot, no TXT records left in a zone, the port released.
 * Registered as a shutdown hook for the duration of one order.
 */
public final class SolverCleanup implements AutoCloseable {

    private final Thread hook;

    /** Registers the hook for {@code solver}. */
    public SolverCleanup(ChallengeSolver solver, Progress progress) {
        this.hook = new Thread(() -> {
            try {
                solver.close();
            } catch (IOException e) {
                progress.line("exacme: interrupted; cleaning up failed: " + e.getMessage());
            }
        }, "exacme-challenge-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to undo.
        }
    }
}
