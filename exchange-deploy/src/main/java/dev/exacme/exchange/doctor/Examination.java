package dev.exacme.exchange.doctor;

import java.time.Instant;
import java.util.List;

/**
 * What {@code exacme doctor exchange} found on one server.
 *
 * @param server       the server examined
 * @param at           when
 * @param findings     every finding, those that block an update first, then errors, then warnings
 * @param certificates every certificate of {@code Get-ExchangeCertificate}, for the inventory
 * @param checks       the checks that ran (a check with no finding passed)
 */
public record Examination(String server, Instant at, List<Finding> findings, List<CertificateFacts> certificates,
                          List<Check> checks) {

    /** Copies the lists. */
    public Examination {
        findings = List.copyOf(findings);
        certificates = List.copyOf(certificates);
        checks = List.copyOf(checks);
    }

    /** Whether a cumulative update's setup would fail on this server. */
    public boolean blocksUpdate() {
        return findings.stream().anyMatch(finding -> finding.severity() == Finding.Severity.BLOCKS_UPDATE);
    }

    /** The findings of one check. */
    public List<Finding> of(Check check) {
        return findings.stream().filter(finding -> finding.check() == check).toList();
    }
}
