package dev.exacme.exchange.powershell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two {@link GrammarWorkarounds} change only the two constructs they are for, both are
 * still needed by the grammar the tests run, and neither hides a script that is broken.
 */
class GrammarWorkaroundsTest {

    private static final Pattern DIGIT_PARAMETER = Pattern.compile("(?<=\\s)-[A-Za-z_][A-Za-z0-9_]*[0-9]");

    @Test
    void parameterNamesWithDigitsLoseOnlyTheirDigits() {
        assertEquals("Set-ImapSettings -Server 'EX01' -X___CertificateName $null",
                GrammarWorkarounds.parameterNamesWithDigits("Set-ImapSettings -Server 'EX01' -X509CertificateName $null"));
        assertEquals("Set-X -X___CertificateName:'a'", GrammarWorkarounds.parameterNamesWithDigits(
                "Set-X -X509CertificateName:'a'"));
        for (var unchanged : List.of(
                "Set-X -Name 'a -X509CertificateName b'",
                "Set-X -Name \u2019-X509 \u2018",
                "Set-X -Name \"-X509 $('-X509')\"",
                "\"$((Get-ImapSettings -Server 'a').X509CertificateName)\"",
                "$x = $a-X509",
                "if ($x -gt -1) { $y = 5 - 3 }",
                "Set-X -Name 'a' # -X509CertificateName",
                "Set-X <# -X509CertificateName #> -Name 'a'",
                "Get-Service -ComputerName 'EX01' -Name @('MSExchangeIMAP4','MSExchangeIMAP4BE')",
                "Set-X -Name 'a''-X509 b'")) {
            assertEquals(unchanged, GrammarWorkarounds.parameterNamesWithDigits(unchanged));
        }
    }

    @Test
    void bareWordListsAfterSelectObjectAreQuotedAndNothingElse() {
        assertEquals("Get-X | Select-Object 'Thumbprint', 'Services', @{n='Status';e={\"$($_.Status)\"}}, 'NotAfter'",
                GrammarWorkarounds.selectObjectBarewordLists(
                        "Get-X | Select-Object Thumbprint, Services, @{n='Status';e={\"$($_.Status)\"}}, NotAfter"));
        assertEquals("Get-X | select-object -Property 'a',\n  'b'", GrammarWorkarounds.selectObjectBarewordLists(
                "Get-X | select-object -Property a,\n  b"));
        assertEquals("@(Get-X | Select-Object 'a', 'b') + @(Get-Y | Select-Object 'c', 'd')",
                GrammarWorkarounds.selectObjectBarewordLists(
                        "@(Get-X | Select-Object a, b) + @(Get-Y | Select-Object c, d)"));
        for (var unchanged : List.of(
                "Get-X | Select-Object Thumbprint",
                "Get-X | Select-Object -First 1",
                "Get-X | Select-Object -ExpandProperty Name",
                "Get-X | Select-Object 'a', 'b'",
                "Get-X | Select-Object @{n='Kind';e={'Send'}}, @{n='Identity';e={\"$($_.Identity)\"}}",
                "Write-Output a, b",
                "Get-X -Name 'x | Select-Object a, b'",
                "Get-X -Name \u2018x | Select-Object a, b\u2019",
                "Get-X # | Select-Object a, b",
                "$Select-Object a, b",
                "Get-X | Select-ObjectX a, b")) {
            assertEquals(unchanged, GrammarWorkarounds.selectObjectBarewordLists(unchanged));
        }
    }

    @Test
    void typographicQuotesFoldIntoTheirAsciiKinAndNothingElseChanges() {
        assertEquals("'a''b' \"c\"\"d\" '`'", GrammarWorkarounds.foldTypographicQuotes(
                "\u2018a\u2019\u201Ab\u201B \u201Cc\u201D\u201Ed\" '`'"));
        var other = "\u00AB\u00BB\u2032\u2033\u300C\u300D `$x";
        assertEquals(other, GrammarWorkarounds.foldTypographicQuotes(other));
    }

    /**
     * Over every generated script: the first workaround changes digits of digit-carrying
     * parameters into {@code _} and nothing else, the second only inserts pairs of quotes in
     * lines with {@code Select-Object} (around barewords, as the examples above show), and
     * exactly the scripts with those constructs are changed.
     */
    /**
     * Over every generated script: the first workaround changes digits of digit-carrying
     * parameters into {@code _} and nothing else, the second only inserts pairs of quotes in
     * lines with {@code Select-Object} (around barewords, as the examples above show); each is
     * applied to some script, so that neither check is vacuous.
     */
    @Test
    void overEveryGeneratedScriptTheyChangeOnlyTheirConstructs() throws Exception {
        var byParameters = new TreeSet<String>();
        var byLists = new TreeSet<String>();
        for (var script : GeneratedScripts.collect().scripts()) {
            for (var text : List.of(script.text(), GrammarWorkarounds.foldTypographicQuotes(script.text()))) {
                var parameters = GrammarWorkarounds.parameterNamesWithDigits(text);
                assertEquals(text.length(), parameters.length());
                for (var i = 0; i < text.length(); i++) {
                    if (text.charAt(i) != parameters.charAt(i)) {
                        assertTrue(Character.isDigit(text.charAt(i)) && parameters.charAt(i) == '_', script.origin());
                        assertTrue(insideDigitParameter(text, i), script.origin() + " at " + i);
                        byParameters.add(script.origin());
                    }
                }
                var lists = GrammarWorkarounds.selectObjectBarewordLists(text);
                var originalLines = text.split("\n", -1);
                var changedLines = lists.split("\n", -1);
                assertEquals(originalLines.length, changedLines.length, script.origin());
                for (var i = 0; i < originalLines.length; i++) {
                    if (!originalLines[i].equals(changedLines[i])) {
                        assertTrue(originalLines[i].toLowerCase(Locale.ROOT).contains("select-object"), script.origin());
                        assertTrue(isSubsequenceWithQuotesOnly(originalLines[i], changedLines[i]), script.origin());
                        assertEquals(0, (changedLines[i].length() - originalLines[i].length()) % 2, script.origin());
                        byLists.add(script.origin());
                    }
                }
            }
        }
        assertFalse(byParameters.isEmpty(), "no generated script has a parameter name with digits");
        assertFalse(byLists.isEmpty(), "no generated script has a bareword list after Select-Object");
    }

    @Test
    void theGrammarStillNeedsBothWorkaroundsAndTheyHideNoBrokenScript() throws Exception {
        PowerShellGrammar.require();
        var digits = "Set-ImapSettings -Server 'EX01' -X509CertificateName 'mail.contoso.com'";
        var list = "Get-WebBinding -Protocol https | Select-Object protocol, bindingInformation, @{n='a';e={1}}, sslFlags";
        var texts = List.of(digits, GrammarWorkarounds.apply(digits), list, GrammarWorkarounds.apply(list),
                GrammarWorkarounds.apply("Set-ImapSettings -X509CertificateName 'mail"),
                GrammarWorkarounds.apply("Get-WebBinding | Select-Object protocol, bindingInformation, 'sslFlags"),
                GrammarWorkarounds.apply("Get-WebBinding | Select-Object protocol, @{n='a';e={1}, sslFlags"));
        var named = new ArrayList<PowerShellGrammar.Named>();
        texts.forEach(text -> named.add(new PowerShellGrammar.Named("workaround", text)));
        var readings = PowerShellGrammar.parse(named);

        var version = PowerShellGrammar.version();
        assertFalse(readings.get(0).parses(), version + " accepts parameter names with digits now: drop that workaround");
        assertTrue(readings.get(1).parses(), readings.get(1).toString());
        assertFalse(readings.get(2).parses(), version + " accepts bareword lists now: drop that workaround");
        assertTrue(readings.get(3).parses(), readings.get(3).toString());
        for (var broken : readings.subList(4, readings.size())) {
            assertFalse(broken.parses(), "a broken script parses after the workarounds: " + broken);
        }
    }

    private static boolean insideDigitParameter(String text, int at) {
        var matcher = DIGIT_PARAMETER.matcher(text);
        while (matcher.find()) {
            var end = matcher.end();
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            if (matcher.start() < at && at < end) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubsequenceWithQuotesOnly(String original, String changed) {
        var i = 0;
        for (var j = 0; j < changed.length(); j++) {
            if (i < original.length() && original.charAt(i) == changed.charAt(j)) {
                i++;
            } else if (changed.charAt(j) != '\'') {
                return false;
            }
        }
        return i == original.length();
    }
}
