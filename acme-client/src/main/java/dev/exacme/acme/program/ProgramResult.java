package dev.exacme.acme.program;

import java.time.Duration;
import java.util.List;

/** How one run of an administrator's {@link Program} ended, with the last lines it printed. */
public sealed interface ProgramResult {

    /** Its last output lines (standard output and error together), at most {@value Program#OUTPUT_LINES_SHOWN}. */
    List<String> lastOutput();

    /** How long it ran. */
    Duration took();

    /**
     * The last output as a message's end: {@code " Its last output:"} and the lines indented on
     * their own lines, or {@code " It printed nothing."}.
     */
    default String outputText() {
        if (lastOutput().isEmpty()) {
            return " It printed nothing.";
        }
        return " Its last output:" + System.lineSeparator() + "  "
                + String.join(System.lineSeparator() + "  ", lastOutput());
    }

    /**
     * It finished by itself.
     *
     * @param exitCode   its exit code
     * @param lastOutput its last output lines
     * @param took       how long it ran
     */
    record Exited(int exitCode, List<String> lastOutput, Duration took) implements ProgramResult {
        /** Copies the list. */
        public Exited {
            lastOutput = List.copyOf(lastOutput);
        }
    }

    /**
     * It ran past its timeout and was stopped, with the processes it started.
     *
     * @param lastOutput its last output lines
     * @param took       how long it ran until stopped
     */
    record TimedOut(List<String> lastOutput, Duration took) implements ProgramResult {
        /** Copies the list. */
        public TimedOut {
            lastOutput = List.copyOf(lastOutput);
        }
    }
}
