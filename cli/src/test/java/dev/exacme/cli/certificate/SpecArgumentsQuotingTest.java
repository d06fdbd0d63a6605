package dev.exacme.cli.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What show and edit print can be pasted: a POSIX shell reads back exactly the arguments. */
class SpecArgumentsQuotingTest {

    @TempDir
    Path temp;

    @Test
    void plainValuesStayBareAndOthersAreQuotedForEachShell() {
        assertEquals("mail.contoso.com", SpecArguments.quoted("mail.contoso.com", false));
        assertEquals("'two words'", SpecArguments.quoted("two words", false));
        assertEquals("'{thumbprint}'", SpecArguments.quoted("{thumbprint}", false));
        assertEquals("'O'\\''Brien'", SpecArguments.quoted("O'Brien", false));
        assertEquals("''", SpecArguments.quoted("", false));
        assertEquals("'O''Brien'", SpecArguments.quoted("O'Brien", true));
        assertEquals("'A,B'", SpecArguments.quoted("A,B", true), "PowerShell would pass A,B as two arguments");
        assertEquals("C:\\scripts\\deploy.ps1", SpecArguments.quoted("C:\\scripts\\deploy.ps1", true));
    }

    @Test
    void aPosixShellReadsBackTheSameArguments() throws IOException, InterruptedException {
        var values = List.of("plain", "two words", "O'Brien's \"site\"", "{thumbprint}", "$HOME", "a,b", "-Force",
                "back\\slash", "*");
        var line = String.join(" ", values.stream().map(value -> SpecArguments.quoted(value, false)).toList());
        var script = temp.resolve("args.sh");
        Files.writeString(script, "for a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        var process = new ProcessBuilder("sh", "-c", "sh " + script + " " + line).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor());
        assertEquals(values, output.lines().toList());
    }
}
