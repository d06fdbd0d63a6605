package dev.exacme.cli.issue;

import dev.exacme.acme.http01.Http01Responder;
import dev.exacme.cli.output.Console;
import java.io.IOException;

/**
 * Closes the HTTP-01 responder also when the process is interrupted (Ctrl+C, a service
 * stop), so that no token files stay in a webroot and the port is released. Registered as
 * a shutdown hook for the duration of one order.
 */
final class ResponderCleanup implements AutoCloseable {

    private final Thread hook;

    ResponderCleanup(Http01Responder responder, Console console) {
        this.hook = new Thread(() -> {
            try {
                responder.close();
            } catch (IOException e) {
                console.progress("exacme: interrupted; cleaning up failed: " + e.getMessage());
            }
        }, "exacme-http01-cleanup");
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
