package dev.exacme.lifecycle.importing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The certificate another tool installed last, which the imported definition keeps in service
 * until the CA's renewal window (no forced renewal at the first {@code exacme renew}).
 *
 * @param thumbprint its SHA-1 thumbprint, upper-case hex
 * @param notBefore  its start of validity, when known
 * @param notAfter   its end of validity, when known
 * @param file       a file holding it (PFX without password, PEM or DER), when the other tool keeps one
 */
public record CurrentCertificate(String thumbprint, Optional<Instant> notBefore, Optional<Instant> notAfter,
                                 Optional<Path> file) {
}
