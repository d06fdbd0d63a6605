package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.store.Thumbprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which certificates a deployed one has replaced and may now be removed: only once the new
 * one has been in place for the grace period ({@code --keep-old}; the caller resolves it, by
 * default a share of the new certificate's lifetime), and never one that something still uses,
 * Exchange's own self-signed certificates or the Auth certificate.
 */
public final class SupersededCertificates {

    private SupersededCertificates() {
    }

    /**
     * A decision about one older certificate for the same names.
     *
     * @param thumbprint the certificate
     * @param remove     whether it can go
     * @param reason     why it goes or stays, in words
     */
    public record Decision(Thumbprint thumbprint, boolean remove, String reason) {
    }

    /** The decision for every certificate that {@code current} replaces. */
    public static List<Decision> decide(ExchangeCertificate current, List<ExchangeCertificate> installed,
                                        List<WebBinding> bindings, List<Connector> connectors,
                                        Optional<Thumbprint> auth, Duration keep, Instant deployedAt, Instant now) {
        var decisions = new ArrayList<Decision>();
        for (var old : installed) {
            if (old.thumbprint().equals(current.thumbprint()) || old.selfSigned()
                    || auth.map(old.thumbprint()::equals).orElse(false)
                    || !old.notAfter().isBefore(current.notAfter())
                    || old.domains().stream().noneMatch(name -> current.domains().stream().anyMatch(name::equalsIgnoreCase))) {
                continue;
            }
            decisions.add(decide(old, current, bindings, connectors, keep, deployedAt, now));
        }
        return decisions;
    }

    private static Decision decide(ExchangeCertificate old, ExchangeCertificate current, List<WebBinding> bindings,
                                   List<Connector> connectors, Duration keep, Instant deployedAt, Instant now) {
        var thumbprint = old.thumbprint();
        if (!old.services().isEmpty()) {
            return new Decision(thumbprint, false, "still enabled for Exchange services");
        }
        var binding = bindings.stream().filter(known -> known.certificate().equals(Optional.of(thumbprint))).findFirst();
        if (binding.isPresent()) {
            return new Decision(thumbprint, false, "still bound to IIS site '" + binding.get().site() + "' "
                    + binding.get().bindingInformation());
        }
        var connector = connectors.stream().filter(known -> known.certificate().isPresent())
                .filter(known -> known.certificate().get().names(old.issuer(), old.subject())
                        && !known.certificate().get().names(current.issuer(), current.subject()))
                .findFirst();
        if (connector.isPresent()) {
            return new Decision(thumbprint, false, "still named by " + connector.get().kind().label().toLowerCase()
                    + " connector '" + connector.get().identity() + "'");
        }
        var until = deployedAt.plus(keep);
        if (now.isBefore(until)) {
            return new Decision(thumbprint, false, "kept until " + until + " (--keep-old)");
        }
        return new Decision(thumbprint, true, "replaced by " + current.thumbprint() + " and no longer used");
    }
}
