package dev.exacme.cli.schedule.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.exacme.cli.schedule.CommandRunner;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which code page Windows console tools' output is read in, decided here on Linux with real OEM bytes. */
class ConsoleCodePageTest {

    private static final String CHCP = "C:\\Windows\\System32\\chcp.com";
    /** What a French schtasks prints for a task that does not exist, in code page 850 (é is 0x82). */
    private static final byte[] FRENCH_CP850 = {'E', 'R', 'R', 'E', 'U', 'R', ' ', ':', ' ', 'L', 'e', ' ', 'f', 'i',
        'c', 'h', 'i', 'e', 'r', ' ', 's', 'p', (byte) 0x82, 'c', 'i', 'f', 'i', (byte) 0x82, ' ', 'e', 's', 't', ' ',
        'i', 'n', 't', 'r', 'o', 'u', 'v', 'a', 'b', 'l', 'e', '.'};

    private final List<List<String>> ran = new ArrayList<>();

    private CommandRunner chcpSays(int exitCode, String output) {
        return command -> {
            ran.add(command);
            return new CommandRunner.Result(exitCode, output);
        };
    }

    private static Properties properties(String... pairs) {
        var properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        properties.putIfAbsent("native.encoding", "Cp1252");
        return properties;
    }

    @Test
    void theConsoleEncodingTheJdkFoundWinsAndChcpIsNotRun() {
        var charset = ConsoleCodePage.of(properties("sun.stdout.encoding", "cp437"), chcpSays(0, "850"), CHCP);
        assertEquals(Charset.forName("IBM437"), charset);
        assertEquals(List.of(), ran);
    }

    @Test
    void withoutAConsoleChcpSaysWhichCodePageTheToolsWriteInWhateverItsLanguage() {
        for (var output : List.of("Active code page: 850\r\n", "Aktive Codepage: 850.\r\n",
                "Page de codes active : 850\r\n")) {
            assertEquals(Charset.forName("IBM850"), ConsoleCodePage.of(properties(), chcpSays(0, output), CHCP), output);
        }
        assertEquals(List.of(CHCP), ran.get(0));
        var french = new String(FRENCH_CP850, ConsoleCodePage.of(properties(), chcpSays(0, "Page de codes active : 850"),
                CHCP));
        assertEquals("ERREUR : Le fichier spécifié est introuvable.", french);
        // What exacme did before: the ANSI code page turns é into a comma-like quote.
        assertNotEquals(french, new String(FRENCH_CP850, Charset.forName("windows-1252")));
    }

    @Test
    void code437And850DifferWhereItMatters() {
        // 0x9B is ø in 850 and ¢ in 437: the code page chcp names is the one used.
        var bytes = new byte[] {'B', 'j', (byte) 0x9b, 'r', 'n'};
        assertEquals("Bjørn", new String(bytes, ConsoleCodePage.of(properties(), chcpSays(0, "Active code page: 850"),
                CHCP)));
        assertEquals("Bj¢rn", new String(bytes, ConsoleCodePage.of(properties(), chcpSays(0, "Active code page: 437"),
                CHCP)));
    }

    @Test
    void whenChcpFailsOrSaysNothingUsableThePlatformEncodingIsTheLastGuess() {
        var cp1252 = Charset.forName("windows-1252");
        assertEquals(cp1252, ConsoleCodePage.of(properties(), chcpSays(1, "Invalid code page"), CHCP));
        assertEquals(cp1252, ConsoleCodePage.of(properties(), chcpSays(0, "no digits"), CHCP));
        assertEquals(cp1252, ConsoleCodePage.of(properties(), command -> {
            throw new IOException("chcp.com not found");
        }, CHCP));
        assertEquals(cp1252, ConsoleCodePage.of(properties("sun.stdout.encoding", "cp99999"),
                chcpSays(0, "Active code page: 99999"), CHCP));
    }

    @Test
    void codePagesAreNamedAsTheJdkNamesTheConsoles() {
        assertEquals(Optional.of(StandardCharsets.UTF_8), ConsoleCodePage.forCodePage(65001));
        assertEquals(Optional.of(Charset.forName("IBM866")), ConsoleCodePage.forCodePage(866));
        assertEquals(Optional.of(Charset.forName("windows-31j")), ConsoleCodePage.forCodePage(932));
        assertEquals(Optional.of(Charset.forName("IBM00858")), ConsoleCodePage.forCodePage(858));
        assertEquals(Optional.of(Charset.forName("windows-1252")), ConsoleCodePage.forCodePage(1252));
        assertEquals(Optional.empty(), ConsoleCodePage.forCodePage(4));
        assertEquals(Optional.of(850), ConsoleCodePage.number("Aktive Codepage: 850."));
        assertEquals(Optional.empty(), ConsoleCodePage.number(""));
    }
}
