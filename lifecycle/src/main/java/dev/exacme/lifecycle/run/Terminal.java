package dev.exacme.lifecycle.run;

import java.io.Console;
import java.util.Optional;

/**
 * Whether a person is at this process's terminal: the one check of every command that asks
 * something (guided setup, a secret's prompt, --dns manual), so that none of them ever waits for an answer
 * from a script, a pipe or a scheduled run.
 */
public final class Terminal {

    private Terminal() {
    }

    /**
     * The console, when standard input and output are a terminal; empty otherwise. Java 17 to
     * 21 return a console from {@link System#console()} only for a terminal; Java 22 to 24 return
     * one with redirected input too, and say which it is through {@code Console.isTerminal()}.
     */
    public static Optional<Console> interactive() {
        var console = System.console();
        return console != null && isTerminal(console) ? Optional.of(console) : Optional.empty();
    }

    /** {@code Console.isTerminal()}, called reflectively as exacme targets Java 17, where it is missing. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException before22) {
            return true; // before Java 22 there is a console only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // when in doubt, ask nothing
        }
    }
}
