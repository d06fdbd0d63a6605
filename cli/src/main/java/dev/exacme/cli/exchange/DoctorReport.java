package dev.exacme.cli.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.cli.output.Times;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.doctor.CertificateFacts;
import dev.exacme.exchange.doctor.Check;
import dev.exacme.exchange.doctor.Examination;
import dev.exacme.exchange.doctor.Finding;
import dev.exacme.exchange.doctor.Finding.Severity;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code exacme doctor exchange} says: text for people (whether an update would fail
 * first), the fields of its {@code --json} document, and the HTML report for a change request
 * (one self-contained XHTML file, no scripts, every value escaped).
 */
final class DoctorReport {

    private final Examination examination;

    DoctorReport(Examination examination) {
        this.examination = examination;
    }

    /** The verdict in one sentence, said first. */
    String verdict() {
        if (examination.blocksUpdate()) {
            return "A cumulative update would fail on " + examination.server() + ": fix the BLOCKS findings first.";
        }
        var errors = examination.findings().stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
        return examination.findings().isEmpty() ? "Nothing found on " + examination.server() + ": a cumulative update"
                + " should not fail on certificates." : "A cumulative update should not fail on certificates, but "
                + (errors ? "services fail or will fail soon (ERROR findings)." : "there are warnings.");
    }

    /** The text for people. */
    String text() {
        var text = new StringBuilder(verdict()).append('\n');
        for (var finding : examination.findings()) {
            text.append(switch (finding.severity()) {
                case BLOCKS_UPDATE -> "BLOCKS  ";
                case ERROR -> "ERROR   ";
                case WARNING -> "warning ";
            }).append(finding.subject()).append(" [").append(finding.check().id()).append("]\n        ")
                    .append(finding.problem()).append("\n        fix: ").append(finding.fix()).append('\n');
        }
        text.append(examination.checks().size()).append(" checks on ").append(examination.certificates().size())
                .append(" certificates at ").append(Times.text(examination.at())).append(".\n");
        return text.toString();
    }

    /** Puts the examination's fields into a {@code --json} document. */
    void fill(ObjectNode document, Optional<String> report) {
        document.put("server", examination.server());
        document.put("blocksUpdate", examination.blocksUpdate());
        document.put("outcome", examination.blocksUpdate() ? "blocks-update" : examination.findings().isEmpty()
                ? "healthy" : examination.findings().stream().anyMatch(finding -> finding.severity() == Severity.ERROR)
                ? "errors" : "warnings");
        Times.put(document, "examinedAt", examination.at());
        var findings = document.putArray("findings");
        for (var finding : examination.findings()) {
            findings.addObject().put("severity", finding.severity().word()).put("check", finding.check().id())
                    .put("subject", finding.subject()).put("problem", finding.problem()).put("fix", finding.fix());
        }
        var certificates = document.putArray("certificates");
        for (var facts : examination.certificates()) {
            var node = certificates.addObject();
            var exchange = facts.exchange();
            node.put("thumbprint", exchange.thumbprint().toString()).put("subject", exchange.subject())
                    .put("issuer", exchange.issuer()).put("status", exchange.status())
                    .put("selfSigned", exchange.selfSigned()).put("key", key(facts))
                    .put("signatureAlgorithm", facts.signatureAlgorithm())
                    .put("lifetimeLeft", Math.round(facts.lifetime(Optional.empty()).fractionLeft(examination.at())
                            * 1000) / 1000.0);
            Times.put(node, "notBefore", facts.notBefore());
            Times.put(node, "notAfter", exchange.notAfter());
            var services = node.putArray("services");
            exchange.services().stream().map(ExchangeService::exchangeName).sorted().forEach(services::add);
            var names = node.putArray("names");
            (facts.subjectAltNames().isEmpty() ? exchange.domains() : facts.subjectAltNames()).forEach(names::add);
        }
        var checks = document.putArray("checks");
        examination.checks().forEach(check -> checks.add(check.id()));
        document.put("report", report.orElse(null));
    }

    private static String key(CertificateFacts facts) {
        return facts.ecdsa() ? "ECDSA" : facts.rsaKeySize().map(bits -> "RSA " + bits).orElse("unknown");
    }

    /** The HTML report: XHTML, so that it parses as XML as well as HTML. */
    String html() {
        var html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\" />\n<title>exacme doctor exchange: ").append(escape(examination.server()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}"
                        + ".blocks-update{background:#f4c7c3}.error{background:#fce8b2}.warning{background:#fff8e1}"
                        + ".pass{background:#d9ead3}</style>\n</head>\n<body>\n")
                .append("<h1>Exchange certificate check: ").append(escape(examination.server())).append("</h1>\n")
                .append("<p class=\"").append(examination.blocksUpdate() ? "blocks-update" : "pass").append("\"><strong>")
                .append(escape(verdict())).append("</strong></p>\n<p>Examined ").append(escape(Times.text(examination.at())))
                .append(" by exacme doctor exchange. Read only: nothing was changed.</p>\n");
        html.append("<h2>Findings</h2>\n");
        if (examination.findings().isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<table>\n<tr><th>Severity</th><th>Check</th><th>Subject</th><th>Problem</th><th>Fix</th></tr>\n");
            for (Finding finding : examination.findings()) {
                html.append("<tr class=\"").append(finding.severity().word()).append("\"><td>")
                        .append(escape(finding.severity().word())).append("</td><td>").append(escape(finding.check().id()))
                        .append("</td><td>").append(escape(finding.subject())).append("</td><td>")
                        .append(escape(finding.problem())).append("</td><td><code>").append(escape(finding.fix()))
                        .append("</code></td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<h2>Certificates</h2>\n<table>\n<tr><th>Thumbprint</th><th>Subject</th><th>Issuer</th>"
                + "<th>Services</th><th>Status</th><th>Key</th><th>Signature</th><th>Valid</th><th>Left</th></tr>\n");
        for (var facts : examination.certificates()) {
            var exchange = facts.exchange();
            html.append("<tr><td><code>").append(escape(exchange.thumbprint().toString())).append("</code></td><td>")
                    .append(escape(exchange.subject().isBlank() ? "(no subject)" : exchange.subject())).append("</td><td>")
                    .append(escape(exchange.issuer())).append("</td><td>")
                    .append(escape(ExchangeService.argument(exchange.services()))).append("</td><td>")
                    .append(escape(exchange.status())).append("</td><td>").append(escape(key(facts))).append("</td><td>")
                    .append(escape(facts.signatureAlgorithm())).append("</td><td>")
                    .append(escape(Times.text(facts.notBefore()) + " to " + Times.text(exchange.notAfter())))
                    .append("</td><td>").append(Math.max(0, Math.round(facts.lifetime(Optional.empty())
                            .fractionLeft(examination.at()) * 100))).append(" %</td></tr>\n");
        }
        html.append("</table>\n<h2>Checks</h2>\n<table>\n<tr><th>Check</th><th>Result</th><th>HealthChecker</th>"
                + "<th>Compared</th></tr>\n");
        for (var check : Check.values()) {
            var ran = examination.checks().contains(check);
            var found = examination.of(check);
            var worst = found.stream().map(Finding::severity).min(Enum::compareTo);
            html.append("<tr class=\"").append(!ran ? "warning" : worst.map(Severity::word).orElse("pass"))
                    .append("\"><td>").append(escape(check.id())).append("</td><td>")
                    .append(!ran ? "not run" : worst.map(severity -> found.size() + " finding" + (found.size() == 1 ? ""
                            : "s")).orElse("passed")).append("</td><td>").append(escape(check.healthChecker()))
                    .append("</td><td>").append(check.compared().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n</body>\n</html>\n").toString();
    }

    /** Escapes text for XHTML content and attributes; drops the control characters XML cannot hold. */
    static String escape(String text) {
        var escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if ((c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE) || c > 0xFFFF || c == '\n' || c == '\t') {
                        escaped.appendCodePoint(c);
                    } else {
                        escaped.append('\uFFFD');
                    }
                }
            }
        });
        return escaped.toString();
    }
}
