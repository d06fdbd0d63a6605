package dev.exacme.exchange.rescue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Brings a server that a failed cumulative update left broken back to the state setup
 * expects: the Default Web Site (443) and the Exchange Back End (444) on Exchange's own
 * self-signed certificate, a new one created when none is valid. Works when the Exchange
 * Management Shell does not load (the certificate is then found in {@code LocalMachine\My})
 * and when IIS's PowerShell module does not either (bindings then set with netsh).
 */
public final class ExchangeRescue {

    /**
     * What was done.
     *
     * @param certificate the self-signed certificate the sites now use
     * @param created     whether it was created for the rescue
     * @param actions     what was changed, in words
     */
    public record Result(Thumbprint certificate, boolean created, List<String> actions) {
    }

    private final ExchangeShell shell;
    private final CertificateStore machineStore;
    private final HttpSysCertificates netsh;

    /** A rescue through {@code shell}, falling back to {@code machineStore} and {@code netsh}. */
    public ExchangeRescue(ExchangeShell shell, CertificateStore machineStore, HttpSysCertificates netsh) {
        this.shell = shell;
        this.machineStore = machineStore;
        this.netsh = netsh;
    }

    /**
     * Rebinds the two sites of {@code server} (whose names, short and fully qualified, are
     * {@code names}) to a valid self-signed Exchange certificate.
     */
    public Result rescue(String server, List<String> names, Instant now) throws RescueFailed, StoreException {
        var actions = new ArrayList<String>();
        Optional<Thumbprint> selfSigned;
        var shellWorks = true;
        try {
            selfSigned = shell.certificates(server).stream()
                    .filter(known -> known.selfSigned() && known.notAfter().isAfter(now)
                            && commonName(known.subject()).equalsIgnoreCase(server))
                    .max(Comparator.comparing(ExchangeCertificate::notAfter)).map(ExchangeCertificate::thumbprint);
        } catch (PowerShellFailure e) {
            shellWorks = false;
            actions.add("the Exchange Management Shell does not work (" + e.getMessage()
                    + "); looked for the certificate in LocalMachine\\My instead");
            selfSigned = fromStore(server, now);
        }
        var created = false;
        if (selfSigned.isEmpty()) {
            if (!shellWorks) {
                throw new RescueFailed("no valid self-signed certificate for " + server + " is in LocalMachine\\My,"
                        + " and without a working Exchange Management Shell none can be created. Create one with"
                        + " New-SelfSignedCertificate -DnsName " + String.join(",", names)
                        + " -CertStoreLocation Cert:\\LocalMachine\\My, then run this again.");
            }
            try {
                selfSigned = Optional.of(shell.newSelfSigned(server, names));
            } catch (PowerShellFailure e) {
                throw new RescueFailed("New-ExchangeCertificate failed: " + e.getMessage());
            }
            created = true;
            actions.add("created the self-signed certificate " + selfSigned.get() + " with New-ExchangeCertificate");
        }
        var thumbprint = selfSigned.get();
        rebind(thumbprint, actions);
        return new Result(thumbprint, created, actions);
    }

    private void rebind(Thumbprint thumbprint, List<String> actions) throws RescueFailed {
        try {
            var bindings = shell.webBindings();
            for (var binding : bindings) {
                if (rescued(binding) && !binding.certificate().equals(Optional.of(thumbprint))) {
                    shell.bind(binding, thumbprint);
                    actions.add("IIS site '" + binding.site() + "' " + binding.bindingInformation() + ": "
                            + binding.certificate().map(Thumbprint::hex).orElse("no certificate") + " -> " + thumbprint);
                }
            }
        } catch (PowerShellFailure e) {
            actions.add("IIS's PowerShell module does not work (" + e.getMessage() + "); bound with netsh instead");
            for (var ipPort : List.of("0.0.0.0:443", "0.0.0.0:444")) {
                try {
                    netsh.bind(ipPort, thumbprint);
                    actions.add("http.sys " + ipPort + " -> " + thumbprint);
                } catch (PowerShellFailure failure) {
                    throw new RescueFailed("netsh could not bind " + ipPort + ": " + failure.getMessage());
                }
            }
        }
    }

    /** The all-addresses https bindings of the Default Web Site (443) and the Back End (444). */
    private static boolean rescued(WebBinding binding) {
        return !binding.sni() && binding.address().equals("*")
                && (binding.backEnd() && binding.port() == 444
                || binding.site().equalsIgnoreCase("Default Web Site") && binding.port() == 443);
    }

    private Optional<Thumbprint> fromStore(String server, Instant now) throws StoreException {
        return machineStore.list().stream().filter(stored -> stored.key().isPresent())
                .filter(stored -> selfSignedFor(stored, server) && stored.certificate().getNotAfter().toInstant().isAfter(now))
                .max(Comparator.comparing(stored -> stored.certificate().getNotAfter()))
                .map(StoredCertificate::thumbprint);
    }

    private static boolean selfSignedFor(StoredCertificate stored, String server) {
        var certificate = stored.certificate();
        return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())
                && commonName(certificate.getSubjectX500Principal().getName(X500Principal.RFC1779))
                .equalsIgnoreCase(server);
    }

    private static String commonName(String distinguishedName) {
        for (var part : distinguishedName.split(",")) {
            var trimmed = part.trim();
            if (trimmed.toUpperCase(Locale.ROOT).startsWith("CN=")) {
                return trimmed.substring(3);
            }
        }
        return "";
    }
}
