package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree built only down the path the arguments name behaves as the whole tree does. */
class ExacmeCommandTest {

    @Test
    void eachNameIsTheOneItsCommandAnnotationGives() {
        for (var name : ExacmeCommand.SUBCOMMANDS) {
            assertEquals(name, ExacmeCommand.subcommand(name).getAnnotation(Command.class).name());
        }
        assertNull(ExacmeCommand.subcommand("lst"));
    }

    @Test
    void theWholeTreeHasEverySubcommandInOrder() {
        assertEquals(ExacmeCommand.SUBCOMMANDS, List.copyOf(ExacmeCommand.commandLine().getSubcommands().keySet()));
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertEquals(List.of("list"), List.copyOf(ExacmeCommand.commandLine(new String[] {"list", "--json"})
                .getSubcommands().keySet()));
        assertEquals(List.of(), List.copyOf(ExacmeCommand.commandLine(new String[] {"--version"})
                .getSubcommands().keySet()));
        assertEquals(ExacmeCommand.SUBCOMMANDS.size(), ExacmeCommand.commandLine(new String[] {"--help"})
                .getSubcommands().size());
    }

    @Test
    void printsAndRefusesWhatTheWholeTreeDoes() {
        for (var args : List.of(new String[] {}, new String[] {"--version"}, new String[] {"-V"},
                new String[] {"--help"}, new String[] {"-h"}, new String[] {"-hV"}, new String[] {"lst"},
                new String[] {"list", "--help"}, new String[] {"-V", "list"}, new String[] {"issue", "--help"},
                new String[] {"dns", "--help"}, new String[] {"dns", "provider"}, new String[] {"store", "list", "-h"},
                new String[] {"list", "--no-such-option"}, new String[] {"--", "list"}, new String[] {"--bad"},
                new String[] {"list", "issue"}, new String[] {"--version", "--help"})) {
            assertEquals(run(ExacmeCommand.commandLine(), args), run(ExacmeCommand.commandLine(args), args),
                    String.join(" ", args));
        }
    }

    private static String run(CommandLine commandLine, String[] args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var code = commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
