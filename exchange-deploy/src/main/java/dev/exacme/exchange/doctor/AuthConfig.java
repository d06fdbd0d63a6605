package dev.exacme.exchange.doctor;

import dev.exacme.store.Thumbprint;
import java.time.Instant;
import java.util.Optional;

/**
 * The Exchange Auth configuration ({@code Get-AuthConfig}), which exacme reads and never changes.
 *
 * @param current       {@code CurrentCertificateThumbprint}
 * @param next          {@code NextCertificateThumbprint}, staged for rotation
 * @param nextEffective {@code NextCertificateEffectiveDate}
 */
public record AuthConfig(Optional<Thumbprint> current, Optional<Thumbprint> next, Optional<Instant> nextEffective) {
}
