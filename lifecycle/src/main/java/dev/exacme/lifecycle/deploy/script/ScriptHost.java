package dev.exacme.lifecycle.deploy.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the administrator's program is started on the system exacme runs on: directly, and on
 * Windows a {@code .ps1} under Windows PowerShell with {@code -File}. A value rather than a
 * look at {@code os.name} where the command is built, so that the Windows command line is
 * built and tested on any system. The Windows command line is not yet run on Windows.
 *
 * @param windows    whether exacme runs on Windows
 * @param systemRoot Windows' own directory ({@code %SystemRoot%}), where Windows PowerShell is
 */
record ScriptHost(boolean windows, String systemRoot) {

    /** The system this JVM runs on. */
    static ScriptHost current() {
        var root = System.getenv("SystemRoot");
        return new ScriptHost(System.getProperty("os.name", "").startsWith("Windows"),
                root == null || root.isBlank() ? "C:\\Windows" : root);
    }

    /** What cmd.exe reads in a batch file's command line however it is quoted (and a line break ends it). */
    private static final java.util.regex.Pattern BATCH_SPECIAL = java.util.regex.Pattern.compile("[&|<>^%!\"\\r\\n]");

    /**
     * The command that runs {@code program} with {@code arguments}, each one argument (as shown;
     * {@link #started} is what is handed to the system). A batch file's line is read again by
     * cmd.exe, where no quoting protects {@code & | < > ^ % !}: such arguments are refused.
     *
     * @throws IllegalArgumentException naming the argument cmd.exe would misread
     */
    List<String> command(String program, List<String> arguments) {
        var command = new ArrayList<String>();
        var lower = program.toLowerCase(Locale.ROOT);
        if (windows && (lower.endsWith(".cmd") || lower.endsWith(".bat"))) {
            for (var argument : arguments) {
                if (BATCH_SPECIAL.matcher(argument).find()) {
                    throw new IllegalArgumentException("the argument '" + argument + "' holds a character cmd.exe"
                            + " reads in a batch file's command line whatever its quotes (& | < > ^ % ! \" or a line"
                            + " break); run a .ps1 or an .exe instead, or take the value from its EXACME_* variable");
                }
            }
        }
        if (windows && lower.endsWith(".ps1")) {
            // By its full path: a scheduled run as SYSTEM must not pick up another powershell.exe
            // from a directory early in PATH. -NonInteractive: a prompt fails instead of waiting
            // for the timeout; -NoProfile: no profile's side effects.
            command.addAll(List.of(powerShell(), "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                    "-File"));
        }
        command.add(program);
        command.addAll(arguments);
        return List.copyOf(command);
    }

    /**
     * {@code command} as it is handed to the system. On Windows a program reads its command line
     * back with the C runtime's rules, and Java's own quoting (in its default, legacy mode) leaves
     * an embedded {@code "} unescaped, so every argument after the program is quoted here by
     * those rules: Java passes an argument already in quotes as it is.
     */
    List<String> started(List<String> command) {
        if (!windows) {
            return command;
        }
        var started = new ArrayList<String>();
        started.add(command.get(0));
        command.subList(1, command.size()).forEach(argument -> started.add(quoted(argument)));
        return List.copyOf(started);
    }

    /**
     * {@code argument} in double quotes as the Microsoft C runtime (CommandLineToArgvW) reads it
     * back as one argument: backslashes doubled before a quote and at the end, quotes escaped.
     */
    static String quoted(String argument) {
        var text = new StringBuilder("\"");
        var backslashes = 0;
        for (var i = 0; i < argument.length(); i++) {
            var c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            text.append("\\".repeat(c == '"' ? 2 * backslashes + 1 : backslashes));
            backslashes = 0;
            text.append(c);
        }
        return text.append("\\".repeat(2 * backslashes)).append('"').toString();
    }

    /** Windows PowerShell 5.1, which every supported Windows Server has (not PowerShell 7's pwsh). */
    String powerShell() {
        var root = systemRoot.endsWith("\\") ? systemRoot.substring(0, systemRoot.length() - 1) : systemRoot;
        return root + "\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    }
}
