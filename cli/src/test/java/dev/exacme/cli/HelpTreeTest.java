package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * The usage help of the whole command tree, as picocli renders it: every command's summary is
 * one sentence its parent's command list shows whole on one row, and every command lists its
 * exit codes.
 */
class HelpTreeTest {

    /** A sentence that ends inside the summary: a full stop, then a capital letter. */
    private static final Pattern SECOND_SENTENCE = Pattern.compile("[.;:!?]\\s+[A-Z]");
    private static final Pattern EXIT_CODE_LINE = Pattern.compile("^  (\\d+)\\s{2,}\\S.*");

    @Test
    void everySummaryIsOneSentenceTheCommandListShowsWhole() {
        var problems = new ArrayList<String>();
        for (var command : tree()) {
            if (command.getSubcommands().isEmpty()) {
                continue;
            }
            var rows = commandList(command.getUsageMessage(Ansi.OFF));
            for (var child : command.getSubcommands().values()) {
                var name = child.getCommandName();
                var summary = summary(child);
                var qualified = child.getCommandSpec().qualifiedName(" ");
                if (!summary.endsWith(".")) {
                    problems.add(qualified + ": summary does not end with '.': " + summary);
                }
                if (SECOND_SENTENCE.matcher(summary).find() || summary.contains("%n") || summary.contains("\n")) {
                    problems.add(qualified + ": summary is more than one sentence: " + summary);
                }
                var row = rows.stream().filter(line -> line.startsWith("  " + name + " ")).findFirst();
                if (row.isEmpty()) {
                    problems.add(qualified + ": no row in the command list of " + command.getCommandName());
                    continue;
                }
                var shown = row.get().substring(2 + name.length()).strip();
                if (!shown.equals(summary)) {
                    problems.add(qualified + ": the command list cuts the summary after '" + shown + "' ("
                            + summary.length() + " characters, " + room(command) + " fit)");
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void everyUsageRendersWithoutPicocliWarnings() {
        // A lone '%' in a description makes picocli print a warning on stderr for every rendering of that help.
        var standardError = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            tree().forEach(command -> command.getUsageMessage(Ansi.OFF));
        } finally {
            System.setErr(standardError);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandListsItsExitCodes() {
        var problems = new ArrayList<String>();
        for (var command : tree()) {
            var qualified = command.getCommandSpec().qualifiedName(" ");
            var codes = exitCodes(command.getUsageMessage(Ansi.OFF));
            if (codes.isEmpty()) {
                problems.add(qualified + ": no exit code section");
                continue;
            }
            if (!codes.containsAll(Set.of(0, 2))) {
                // 0 for success and --help, 2 for a command line that does not parse: every command has both
                problems.add(qualified + ": exit codes " + codes + " lack 0 or 2");
            }
            if (!Set.of(0, 1, 2, 3, 4).containsAll(codes)) {
                problems.add(qualified + ": exit codes " + codes + " are not all exacme's");
            }
            if (!command.getSubcommands().isEmpty()) {
                var children = new TreeSet<Integer>();
                command.getSubcommands().values().forEach(child -> children.addAll(exitCodes(
                        child.getUsageMessage(Ansi.OFF))));
                if (!children.equals(codes)) {
                    problems.add(qualified + ": lists " + codes + ", its subcommands return " + children);
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void onlyTheCommandsThatDeployHaveTheOptionsOfADeployment() {
        var deployOnly = Set.of("--all-servers", "--services", "--replace-default-smtp", "--include-backend",
                "--sni-site", "--restart-services", "--connectors-without-cn");
        for (var command : tree()) {
            var names = new TreeSet<String>();
            command.getCommandSpec().options().forEach(option -> names.addAll(List.of(option.names())));
            var qualified = command.getCommandSpec().qualifiedName(" ");
            var deploys = Set.of("exacme issue", "exacme add", "exacme exchange deploy").contains(qualified);
            names.retainAll(deployOnly);
            assertEquals(deploys ? deployOnly : Set.of(), names, qualified);
        }
    }

    @Test
    void onlyTheCommandsThatInstallHaveTheOptionsOfAnInstallation() {
        var installOnly = Set.of("--cng", "--exportable", "--pfx-legacy");
        var grants = Set.of("--acl-read", "--acl-full");
        // edit takes the certificate options as unmatched arguments and parses them as CertificateOptions
        var installs = Set.of("exacme issue", "exacme add");
        for (var command : tree()) {
            var names = new TreeSet<String>();
            command.getCommandSpec().options().forEach(option -> names.addAll(List.of(option.names())));
            var qualified = command.getCommandSpec().qualifiedName(" ");
            var installing = new TreeSet<>(names);
            installing.retainAll(installOnly);
            assertEquals(installs.contains(qualified) ? installOnly : Set.of(), installing, qualified);
            var granting = new TreeSet<>(names);
            granting.retainAll(grants);
            assertEquals(installs.contains(qualified) || Set.of("exacme store grant", "exacme store doctor")
                    .contains(qualified) ? grants : Set.of(), granting, qualified);
        }
    }

    @Test
    void theCheckSeesACutSummaryAndAMissingSection() {
        @CommandLine.Command(name = "group", subcommands = {Long.class, Short.class})
        final class Group {
        }
        var group = new CommandLine(new Group());
        var rows = commandList(group.getUsageMessage(Ansi.OFF));
        var longRow = rows.stream().filter(line -> line.startsWith("  long ")).findFirst().orElseThrow();
        assertTrue(!longRow.substring(6).strip().equals(summary(group.getSubcommands().get("long"))),
                "a summary longer than the column is wrapped, and the row shows only its start");
        var shortRow = rows.stream().filter(line -> line.startsWith("  short ")).findFirst().orElseThrow();
        assertEquals("Fits.", shortRow.substring(7).strip());
        assertEquals(Set.of(), exitCodes(group.getUsageMessage(Ansi.OFF)));
        assertEquals(Set.of(0, 1), exitCodes(group.getSubcommands().get("short").getUsageMessage(Ansi.OFF)));
    }

    @CommandLine.Command(name = "long", description = "A summary so long that no command list of eighty columns"
            + " can show it on the row of its command name.")
    static final class Long {
    }

    @CommandLine.Command(name = "short", description = "Fits.", exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE})
    static final class Short {
    }

    /** exacme and every command under it. */
    static List<CommandLine> tree() {
        var all = new ArrayList<CommandLine>();
        collect(ExacmeCommand.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(child -> collect(child, all));
    }

    /** What picocli's command list shows for a command: the first line of its header, else of its description. */
    private static String summary(CommandLine command) {
        var usage = command.getCommandSpec().usageMessage();
        if (usage.header().length > 0) {
            return usage.header()[0];
        }
        return usage.description().length > 0 ? String.format(usage.description()[0]) : "";
    }

    /**
     * The characters of a summary that fit on its row: picocli's {@code Help.commandList} gives the
     * names a column as wide as the longest (at most half the width) plus 2, indents both columns by 2,
     * and wraps the summary in what is left of the usage width.
     */
    private static int room(CommandLine parent) {
        var width = parent.getCommandSpec().usageMessage().width();
        var longest = parent.getSubcommands().keySet().stream().mapToInt(String::length).max().orElse(0);
        return width - (Math.min(longest, width / 2) + 2) - 2;
    }

    /** The lines of the "Commands:" section of a usage text. */
    private static List<String> commandList(String usage) {
        var lines = usage.lines().toList();
        var start = lines.indexOf("Commands:");
        if (start < 0) {
            fail("no command list in\n" + usage);
        }
        var rows = new ArrayList<String>();
        for (var line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank() || !line.startsWith(" ")) {
                break;
            }
            rows.add(line);
        }
        return rows;
    }

    /** The codes the "Exit codes:" section of a usage text lists; empty without one. */
    private static Set<Integer> exitCodes(String usage) {
        var lines = usage.lines().toList();
        var start = lines.indexOf("Exit codes:");
        var codes = new TreeSet<Integer>();
        if (start < 0) {
            return codes;
        }
        for (var line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank() || !line.startsWith(" ")) {
                break;
            }
            var matcher = EXIT_CODE_LINE.matcher(line);
            if (matcher.matches()) {
                codes.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return codes;
    }
}
