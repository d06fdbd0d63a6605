package dev.exacme.lifecycle.importing.winacme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.importing.winacme.ScriptArguments.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ScriptParameters} split the way the program win-acme started would have split them:
 * PowerShell's argument parsing for a {@code .ps1}, the Windows command-line rules otherwise
 * ({@code WindowsCommandLineTest}).
 */
class WinAcmeScriptArgumentsTest {

    private static List<String> powerShell(String text) {
        return ScriptArguments.split(text, Dialect.POWERSHELL).arguments();
    }

    @Test
    void theDialectFollowsTheScriptsExtension() {
        assertEquals(Dialect.POWERSHELL, Dialect.of("C:\\Scripts\\ImportExchange.v2.PS1"));
        assertEquals(Dialect.COMMAND_LINE, Dialect.of("C:\\Scripts\\deploy.bat"));
        assertEquals(Dialect.COMMAND_LINE, Dialect.of("/usr/local/bin/reload.sh"));
    }

    @Test
    void theDocumentedExchangeParameters() {
        assertEquals(List.of("{CertThumbprint}", "IIS,SMTP,IMAP", "1", "{CacheFile}", "{CachePassword}",
                "{CertFriendlyName}"), powerShell("'{CertThumbprint}' 'IIS,SMTP,IMAP' 1 '{CacheFile}' '{CachePassword}'"
                + " '{CertFriendlyName}'"));
    }

    @Test
    void powerShellQuoting() {
        assertEquals(List.of("it's", "a \"b\"", "c d", "tab\there", "ab"),
                powerShell("'it''s' \"a `\"b`\"\" \"c d\" \"tab`there\" a'b'"));
        assertEquals(List.of("say \"hi\""), powerShell("\"say \"\"hi\"\"\""));
        assertEquals(List.of("a b"), powerShell("a` b"));
        assertEquals(List.of("-Name:value", "-Switch"), powerShell("  -Name:value   -Switch  "));
        assertEquals(List.of(), powerShell("   "));
    }

    @Test
    void placeholdersAreTextEvenUnquoted() {
        var split = ScriptArguments.split("-Thumbprint {CertThumbprint} -Secret {vault://json/my key}",
                Dialect.POWERSHELL);

        assertEquals(List.of("-Thumbprint", "{CertThumbprint}", "-Secret", "{vault://json/my key}"), split.arguments());
        assertEquals(List.of(), split.problems());
    }

    @Test
    void powerShellSyntaxIsKeptAsTextAndReported() {
        var split = ScriptArguments.split("-Services IIS,SMTP -Force:$true \"$env:COMPUTERNAME\" ; Remove-Item x",
                Dialect.POWERSHELL);

        assertEquals(List.of("-Services", "IIS,SMTP", "-Force:$true", "$env:COMPUTERNAME", ";", "Remove-Item", "x"),
                split.arguments());
        assertTrue(split.problems().stream().anyMatch(problem -> problem.startsWith("an unquoted comma")));
        assertTrue(split.problems().stream().anyMatch(problem -> problem.startsWith("'$' is PowerShell syntax")));
        assertTrue(split.problems().stream().anyMatch(problem -> problem.startsWith("PowerShell would expand $env:")));
        assertTrue(split.problems().stream().anyMatch(problem -> problem.startsWith("';' is PowerShell syntax")));
    }

    @Test
    void anUnclosedQuoteTakesTheRest() {
        var split = ScriptArguments.split("a 'b c", Dialect.POWERSHELL);

        assertEquals(List.of("a", "b c"), split.arguments());
        assertEquals(List.of("a single quote is not closed; the rest of the text is one argument"), split.problems());
    }

    @Test
    void singleQuotesOnACommandLineAreLiteralAndReported() {
        var split = ScriptArguments.split("'{StorePath}' plain", Dialect.COMMAND_LINE);

        assertEquals(List.of("'{StorePath}'", "plain"), split.arguments());
        assertEquals(1, split.problems().size());
    }
}
