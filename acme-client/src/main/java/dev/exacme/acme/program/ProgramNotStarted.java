package dev.exacme.acme.program;

import java.io.IOException;

/**
 * The operating system did not start the program: not found, not executable, not a program.
 * The message is the system's reason as Java reports it, for the caller to name its option.
 */
public final class ProgramNotStarted extends IOException {

    /** The system's reason, and the failure it came as. */
    public ProgramNotStarted(String reason, IOException cause) {
        super(reason, cause);
    }
}
