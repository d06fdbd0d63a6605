package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's option tables (the options of {@code exacme issue}, of the stores, of the DNS
 * providers) against {@code exacme issue}'s options in the command tree: every option a table
 * names exists, and every option exists in a table, so the two cannot drift apart.
 */
class ReadmeOptionsTest {

    /** A table whose header row has one of these columns lists options in it. */
    private static final Set<String> OPTION_COLUMNS = Set.of("option", "options", "credentials");
    private static final Pattern OPTION = Pattern.compile("`(--?[a-zA-Z][a-zA-Z0-9-]*)");
    /** picocli's own, the same on every command. */
    private static final Set<String> STANDARD = Set.of("-h", "--help", "-V", "--version");

    @Test
    void theOptionTablesNameExactlyTheOptionsOfIssue() throws IOException {
        var named = tableOptions(Files.readAllLines(readme()));
        assertFalse(named.isEmpty(), "no option tables found in " + readme());
        var issue = ExacmeCommand.commandLine().getSubcommands().get("issue").getCommandSpec();
        var unknown = new TreeSet<String>();
        for (var name : named) {
            if (issue.findOption(name) == null) {
                unknown.add(name);
            }
        }
        assertEquals(Set.of(), unknown, "README tables name options exacme issue does not have");
        var undocumented = new TreeSet<String>();
        for (OptionSpec option : issue.options()) {
            var names = List.of(option.names());
            if (names.stream().noneMatch(STANDARD::contains) && names.stream().noneMatch(named::contains)) {
                undocumented.add(option.longestName());
            }
        }
        assertEquals(Set.of(), undocumented, "options of exacme issue no README table names");
    }

    /** The options named in the option columns of the README's tables. */
    static Set<String> tableOptions(List<String> lines) {
        var named = new TreeSet<String>();
        var column = -1;
        for (var line : lines) {
            if (!line.startsWith("|")) {
                column = -1;
                continue;
            }
            var cells = cells(line);
            if (column < 0) {
                column = -2; // a table's first row is its header
                for (var i = 0; i < cells.size(); i++) {
                    if (OPTION_COLUMNS.contains(cells.get(i).strip())) {
                        column = i;
                    }
                }
                continue;
            }
            if (column >= 0 && column < cells.size()) {
                var matcher = OPTION.matcher(cells.get(column));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
            }
        }
        return named;
    }

    /** The cells of a table row; {@code \|} inside a cell is not a separator. */
    private static List<String> cells(String row) {
        var inner = row.strip().substring(1, row.strip().length() - 1);
        return List.of(inner.split("(?<!\\\\)\\|", -1));
    }

    private static Path readme() {
        // the tests run in cli/; the README is the repository's
        var here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) && Files.exists(here.resolve("cli"))
                ? here.resolve("README.md") : here.getParent().resolve("README.md");
    }
}
