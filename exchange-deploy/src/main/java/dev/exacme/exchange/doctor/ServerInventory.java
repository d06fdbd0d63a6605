package dev.exacme.exchange.doctor;

import java.util.List;

/**
 * What the doctor reads from one Exchange server in one script, beyond what a deployment reads.
 *
 * @param certificates                every certificate of {@code Get-ExchangeCertificate}, with its chain
 * @param auth                        the Auth configuration
 * @param eccCertificateSupport       the {@code EnableEccCertificateSupport} registry value (empty text when absent)
 * @param rootAutoUpdateDisabled      whether {@code DisableRootAutoUpdate} is 1 (Windows fetches no new roots)
 * @param cloudMailConnectors         the Send connectors with {@code CloudServicesMailEnabled} (hybrid mail flow)
 */
public record ServerInventory(List<CertificateFacts> certificates, AuthConfig auth, String eccCertificateSupport,
                              boolean rootAutoUpdateDisabled, List<String> cloudMailConnectors) {

    /** Copies the lists. */
    public ServerInventory {
        certificates = List.copyOf(certificates);
        cloudMailConnectors = List.copyOf(cloudMailConnectors);
    }

    /** Whether Exchange is told to use ECDSA certificates ({@code EnableEccCertificateSupport} = 1). */
    public boolean eccEnabled() {
        return eccCertificateSupport.strip().equals("1");
    }
}
