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

    /** The command that runs {@code program} with {@code arguments}, each one argument. */
    List<String> command(String program, List<String> arguments) {
        var command = new ArrayList<String>();
        if (windows && program.toLowerCase(Locale.ROOT).endsWith(".ps1")) {
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

    /** Windows PowerShell 5.1, which every supported Windows Server has (not PowerShell 7's pwsh). */
    String powerShell() {
        var root = systemRoot.endsWith("\\") ? systemRoot.substring(0, systemRoot.length() - 1) : systemRoot;
        return root + "\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    }
}
