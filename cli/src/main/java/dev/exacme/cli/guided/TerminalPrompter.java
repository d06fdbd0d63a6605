package dev.exacme.cli.guided;

import java.io.Console;
import java.util.Optional;

/** A {@link Prompter} on the process's terminal; secrets are read with echo off ({@link Console#readPassword}). */
public final class TerminalPrompter implements Prompter {

    private final Console terminal;

    /** A prompter on {@code terminal}, from {@link System#console()}. */
    public TerminalPrompter(Console terminal) {
        this.terminal = terminal;
    }

    @Override
    public void say(String text) {
        terminal.writer().println(text);
        terminal.writer().flush();
    }

    @Override
    public Optional<String> line(String prompt) {
        // Through "%s": a prompt holding a name with '%' must not be read as a format.
        return Optional.ofNullable(terminal.readLine("%s", prompt));
    }

    @Override
    public Optional<char[]> secret(String prompt) {
        return Optional.ofNullable(terminal.readPassword("%s", prompt));
    }
}
