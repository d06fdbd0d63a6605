package dev.exacme.cli.status;

/**
 * One thing that needs attention, with the command that fixes it.
 *
 * @param severity how soon
 * @param subject  a managed certificate's name, {@code schedule} or {@code notifications}
 * @param message  what is wrong, in words, on one line (a script's output quoted in it is joined)
 * @param fix      the command (or the step) that puts it right
 */
public record Attention(Severity severity, String subject, String message, String fix) {

    /** Joins the lines of {@code message}: each item is one line on the screen and in a monitoring check's output. */
    public Attention {
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
