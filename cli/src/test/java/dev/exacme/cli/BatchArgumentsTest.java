package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Taking the arguments from cmd.exe's unexpanded command line, as exacme.cmd hands it over.
 * The command lines are written as the cmd.exe documentation ({@code cmd /?}) and CreateProcess
 * describe them; none has been captured on Windows yet.
 */
class BatchArgumentsTest {

    private static final String LAUNCHER = "C:\\Program Files\\exacme\\exacme.cmd";
    private static final Map<String, String> ENVIRONMENT = Map.of("TEMP", "C:\\Temp", "Path", "C:\\Windows");

    private static Map<String, String> started(String commandLine) {
        var environment = new java.util.HashMap<>(ENVIRONMENT);
        environment.put(BatchArguments.COMMAND_LINE, commandLine);
        environment.put(BatchArguments.LAUNCHER, LAUNCHER);
        return environment;
    }

    @Test
    void fromPowerShellThePercentSignsCmdExpandedAreGivenBack() {
        // PowerShell: & 'C:\Program Files\exacme\exacme.cmd' list --config-dir 'D:\certs %TEMP% copy'
        var line = "C:\\WINDOWS\\system32\\cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" list --config-dir"
                + " \"D:\\certs %TEMP% copy\"\"";
        String[] received = {"list", "--config-dir", "D:\\certs C:\\Temp copy"};
        assertArrayEquals(new String[] {"list", "--config-dir", "D:\\certs %TEMP% copy"},
                BatchArguments.recover(received, started(line)));
    }

    @Test
    void variableNamesAreCaseInsensitiveAndUnsetOnesStayAsTheyAre() {
        var line = "C:\\WINDOWS\\system32\\cmd.exe /d /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" a%path%b %NOPE% 50%\"";
        String[] received = {"aC:\\Windowsb", "%NOPE%", "50%"};
        assertArrayEquals(new String[] {"a%path%b", "%NOPE%", "50%"}, BatchArguments.recover(received, started(line)));
    }

    @Test
    void theQuoteRuleOfCmdIsApplied() {
        // Exactly two quotes around a program name with a space: cmd keeps them.
        var kept = "cmd.exe /c \"C:\\Program Files\\exacme\\exacme.cmd\" renew --x %TEMP%";
        assertArrayEquals(new String[] {"renew", "--x", "%TEMP%"},
                BatchArguments.recover(new String[] {"renew", "--x", "C:\\Temp"}, started(kept)));
        // Otherwise the first and the last quote go; /S always removes them.
        var stripped = "cmd.exe /S /C \"C:\\exacme\\exacme renew --x %TEMP%\"";
        assertArrayEquals(new String[] {"renew", "--x", "%TEMP%"},
                BatchArguments.recover(new String[] {"renew", "--x", "C:\\Temp"}, started(stripped)));
    }

    @Test
    void whatCannotBeReproducedLeavesTheArgumentsAsReceived() {
        for (var line : new String[] {
            // a cmd.exe prompt: it expanded what was typed, and its own line has no /c
            "\"C:\\WINDOWS\\system32\\cmd.exe\" ",
            // another batch file started exacme.cmd
            "C:\\WINDOWS\\system32\\cmd.exe /c \"\"C:\\scripts\\wrapper.cmd\" x %TEMP%\"",
            // operators and carets: cmd.exe acted on them
            "cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" x %TEMP% ^& y\"",
            // substrings, substitutions and %%
            "cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" %TEMP:~0,2%\"",
            "cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" %TEMP:C=D%\"",
            "cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" %%TEMP%%\"",
            // a dynamic variable cmd.exe knows and the environment does not
            "cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" %RANDOM%\"",
        }) {
            String[] received = {"x", "C:\\Temp"};
            assertSame(received, BatchArguments.recover(received, started(line)), line);
        }
    }

    @Test
    void argumentsThatDoNotMatchWhatJavaReceivedAreNotUsed() {
        // A stale EXACME_CMDLINE (inherited from an earlier exacme.cmd) for other arguments.
        var line = "cmd.exe /c \"\"C:\\Program Files\\exacme\\exacme.cmd\" list --config-dir %TEMP%\"";
        String[] received = {"renew", "--quiet"};
        assertSame(received, BatchArguments.recover(received, started(line)));
        String[] none = {};
        assertSame(none, BatchArguments.recover(none, Map.of("TEMP", "C:\\Temp")), "not started by exacme.cmd");
    }

    @Test
    void cmdLineExpansionAsCmdDoesIt() {
        var variables = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        variables.put("A", "1");
        assertEquals(Optional.of("1-%B%-1-%"), BatchArguments.expand("%a%-%B%-%A%-%", variables));
        assertEquals(Optional.of("%UNSET1"), BatchArguments.expand("%UNSET%A%", variables));
        assertEquals(Optional.empty(), BatchArguments.expand("%%", variables));
    }
}
