package dev.exacme.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A result built and not yet printed: a command's own fields, its text and its exit code.
 * A command that is also a step of another ({@code exacme add} and {@code exacme schedule
 * install} in {@code exacme setup exchange}) builds one, so that the command run prints it
 * alone and the larger one puts the steps' parts into its own single document.
 *
 * @param fields   the command's own fields, without the envelope {@link Console} puts
 * @param text     what it prints without {@code --json}
 * @param exitCode its exit code; non-zero makes the document {@code partial}
 */
public record ResultPart(ObjectNode fields, String text, int exitCode) {

    /** Prints it as the whole result of the command {@code console} belongs to; returns the exit code. */
    public int print(Console console) {
        return console.result(fields, text, exitCode);
    }
}
