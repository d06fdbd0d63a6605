package dev.exacme.cli.guided;

import java.util.Optional;

/**
 * Where the guided setup asks its questions: a person at a terminal ({@link TerminalPrompter}).
 * Every answer is empty when input has ended (Ctrl-D), which stops the setup.
 */
public interface Prompter {

    /** Shows {@code text} as it is, followed by a line break. */
    void say(String text);

    /** Shows {@code prompt} and reads one line, without its line break; empty at the end of input. */
    Optional<String> line(String prompt);

    /** Shows {@code prompt} and reads one line without showing what is typed; empty at the end of input. */
    Optional<char[]> secret(String prompt);
}
