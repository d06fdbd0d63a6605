package dev.exacme.cli.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.cli.CommandRun;
import dev.exacme.cli.ResultSchema;
import dev.exacme.cli.output.Console;
import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.doctor.CertificateFacts;
import dev.exacme.exchange.doctor.Check;
import dev.exacme.exchange.doctor.Examination;
import dev.exacme.exchange.doctor.Finding;
import dev.exacme.exchange.doctor.Finding.Severity;
import dev.exacme.store.Thumbprint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code exacme doctor exchange} prints and writes for an examination (the examination itself
 * needs Windows PowerShell and is tested in exchange-deploy): the verdict first, one {@code --json}
 * document the schema accepts, and an HTML report that parses as XHTML and as HTML with every
 * hostile value escaped.
 */
class DoctorReportTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String HOSTILE = "<script>alert('x')</script> & \"quotes\" \u0007 ]]>";

    @TempDir
    Path temp;

    private Examination examination(boolean blocking) {
        var thumbprint = Thumbprint.parse("5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B");
        var exchange = new ExchangeCertificate(thumbprint, EnumSet.of(ExchangeService.IIS), "Valid",
                NOW.plus(30, ChronoUnit.DAYS), "CN=" + HOSTILE, "CN=R11, O=Let's Encrypt, C=US", false, HOSTILE,
                List.of("mail.contoso.com"), false);
        var facts = new CertificateFacts(exchange, NOW.minus(60, ChronoUnit.DAYS), Optional.empty(), true,
                List.of(), List.of());
        var findings = new java.util.ArrayList<Finding>();
        if (blocking) {
            findings.add(new Finding(Severity.BLOCKS_UPDATE, Check.IIS_BINDINGS, "IIS site '" + HOSTILE + "' *:443:",
                    "bound to an expired certificate", "exacme exchange rescue"));
        }
        findings.add(new Finding(Severity.WARNING, Check.LIFETIME, thumbprint + " (" + HOSTILE + ")",
                "less than a third of its lifetime left", "exacme renew"));
        return new Examination("EX01" + HOSTILE, NOW, findings, List.of(facts), List.of(Check.values()));
    }

    private static CommandRun json(DoctorReport report, int exitCode) {
        var out = new StringWriter();
        var err = new StringWriter();
        var console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), true, false,
                "doctor exchange");
        var document = console.newDocument();
        report.fill(document, Optional.of("C:\\reports\\ex01.html"));
        var code = console.result(document, report.text(), exitCode);
        return new CommandRun(code, out.toString(), err.toString());
    }

    @Test
    void aBlockingFindingIsSaidFirstAndTheDocumentIsOneTheSchemaAccepts() {
        var report = new DoctorReport(examination(true));

        assertTrue(report.text().startsWith("A cumulative update would fail on EX01"), report.text());
        assertTrue(report.text().indexOf("BLOCKS  ") < report.text().indexOf("warning "), report.text());
        var document = ResultSchema.check(json(report, 1));
        assertEquals("blocks-update", document.get("outcome").asText());
        assertTrue(document.get("blocksUpdate").asBoolean());
        assertEquals("blocks-update", document.get("findings").get(0).get("severity").asText());
        assertEquals("iis-bindings", document.get("findings").get(0).get("check").asText());
        assertEquals(Check.values().length, document.get("checks").size());
        assertEquals(0.333, document.get("certificates").get(0).get("lifetimeLeft").asDouble(), 0.001);

        var healthy = ResultSchema.check(json(new DoctorReport(examination(false)), 0));
        assertEquals("warnings", healthy.get("outcome").asText());
        assertFalse(healthy.get("blocksUpdate").asBoolean());
    }

    @Test
    void theHtmlReportIsWellFormedSelfContainedAndEscapesEveryValue() throws Exception {
        var html = new DoctorReport(examination(true)).html();
        var file = temp.resolve("report.html");
        Files.writeString(file, html);

        assertFalse(html.contains("<script"), "no value reaches the page unescaped, and the page has no scripts");
        assertFalse(html.contains("\u0007"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        assertFalse(html.contains("src=") || html.contains("href="), "one file: nothing loaded from elsewhere");
        // Parsed as XHTML by the JDK's XML parser, which refuses anything not well-formed.
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var page = factory.newDocumentBuilder().parse(file.toFile());
        assertEquals("html", page.getDocumentElement().getLocalName());
        assertEquals(0, page.getElementsByTagName("script").getLength());
        assertTrue(page.getDocumentElement().getTextContent().contains(HOSTILE.replace("\u0007", "\uFFFD")),
                "the hostile value reads back as it was, its control character replaced");
        // And by xmllint as HTML where libxml2-utils is installed.
        if (Files.isExecutable(Path.of("/usr/bin/xmllint"))) {
            var process = new ProcessBuilder("xmllint", "--html", "--noout", file.toString()).redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), output);
            assertEquals("", output, "xmllint --html complains");
        }
    }
}
