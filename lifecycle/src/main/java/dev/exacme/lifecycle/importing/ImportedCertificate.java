package dev.exacme.lifecycle.importing;

import dev.exacme.lifecycle.spec.CertificateSpec;
import java.util.List;
import java.util.Optional;

/**
 * One certificate another tool (win-acme, Certify The Web) manages, as exacme would manage it.
 *
 * @param origin      where it was found, for people: the renewal file, or the database and item id
 * @param description the other tool's name for it (its friendly name), for the table
 * @param identifiers the names it is for, as the other tool has them
 * @param spec        the exacme definition, its name already chosen; empty when it cannot be imported
 * @param current     the certificate the other tool installed last, when it says
 * @param unmapped    what of the other tool's settings exacme does not take over, each with why
 * @param secrets     the secrets the administrator must enter ({@code exacme secret set NAME}) before
 *                    the first renewal: the other tool's are DPAPI-protected for its own account
 * @param refusal     why it cannot be imported at all, when {@code spec} is empty
 */
public record ImportedCertificate(String origin, String description, List<String> identifiers,
                                  Optional<CertificateSpec> spec, Optional<CurrentCertificate> current,
                                  List<String> unmapped, List<RequiredSecret> secrets, Optional<String> refusal) {

    /** Copies the lists. */
    public ImportedCertificate {
        identifiers = List.copyOf(identifiers);
        unmapped = List.copyOf(unmapped);
        secrets = List.copyOf(secrets);
    }

    /** A certificate that cannot be imported, and why. */
    public static ImportedCertificate refused(String origin, String description, List<String> identifiers,
                                              List<String> unmapped, String why) {
        return new ImportedCertificate(origin, description, identifiers, Optional.empty(), Optional.empty(), unmapped,
                List.of(), Optional.of(why));
    }
}
