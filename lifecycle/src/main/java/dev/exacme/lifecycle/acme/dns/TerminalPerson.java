package dev.exacme.lifecycle.acme.dns;

import dev.exacme.acme.dns.manual.ManualProvider;
import dev.exacme.acme.failure.InvalidRequest;
import java.io.Console;
import java.io.IOException;

/** The person at the terminal, for the {@code manual} provider. */
public final class TerminalPerson implements ManualProvider.Person {

    private final Console terminal;

    private TerminalPerson(Console terminal) {
        this.terminal = terminal;
    }

    /**
     * The person at this process's terminal.
     *
     * @throws InvalidRequest when there is none: a scheduled or scripted run
     */
    public static TerminalPerson atTerminal() throws InvalidRequest {
        var terminal = dev.exacme.lifecycle.run.Terminal.interactive().orElse(null);
        if (terminal == null) {
            throw new InvalidRequest("--dns manual needs a person at a terminal to create the records, and this run "
                    + "has none (a scheduled task, a script, redirected input). Use a provider that works unattended: "
                    + "rfc2136, cloudflare, azure, route53, acme-dns, script"
                    + ".");
        }
        return new TerminalPerson(terminal);
    }

    @Override
    public void confirm(String instructions) throws IOException {
        terminal.printf("%n%s%n", instructions);
        terminal.flush();
        if (terminal.readLine() == null) {
            throw new IOException("manual: the terminal closed before the record was confirmed");
        }
    }
}
