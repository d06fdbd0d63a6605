package dev.exacme.lifecycle.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arguments split as a Windows program splits its command line, for win-acme's script
 * parameters and Certify's program arguments alike.
 */
class WindowsCommandLineTest {

    private static List<String> split(String text) {
        return WindowsCommandLine.split(text);
    }

    @Test
    void windowsCommandLineRules() {
        // CommandLineToArgvW: 2n backslashes and a quote are n and a delimiter, 2n+1 are n and a quote.
        assertEquals(List.of("C:\\Program Files\\App\\", "a\"b", "c\\\\d", "\\\"", "e f"),
                split("\"C:\\Program Files\\App\\\\\" a\\\"b c\\\\d \\\\\\\" \"e f\""));
        assertEquals(List.of("say \"hi\" now"), split("\"say \"\"hi\"\" now\""));
        assertEquals(List.of("ab c", "d"), split("a\"b c\"\td"));
        assertEquals(List.of("unclosed rest"), split("\"unclosed rest"));
        assertEquals(List.of(""), split("\"\""));
        assertEquals(List.of(), split(" \t "));
    }

    @Test
    void theExamplesOfMicrosoftsParsingCppCommandLineArguments() {
        // The table of "Parsing C++ command-line arguments" (learn.microsoft.com), argv[1] onwards.
        assertEquals(List.of("abc", "d", "e"), split("\"abc\" d e"));
        assertEquals(List.of("a\\\\b", "de fg", "h"), split("a\\\\b d\"e f\"g h"));
        assertEquals(List.of("a\\\"b", "c", "d"), split("a\\\\\\\"b c d"));
        assertEquals(List.of("a\\\\b c", "d", "e"), split("a\\\\\\\\\"b c\" d e"));
        // A pair of quotes inside quotes is a quote, and the quoting goes on to the end.
        assertEquals(List.of("ab\" c d"), split("a\"b\"\" c d"));
    }

    @Test
    void onlySpacesAndTabsSeparate() {
        // The C runtime separates at a space or a tab only; a line break is part of the argument.
        assertEquals(List.of("one\ntwo", "three\r\nfour"), split("one\ntwo three\r\nfour"));
    }
}
