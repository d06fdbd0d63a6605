package dev.exacme.lifecycle.importing;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.lifecycle.managed.Attempt;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.pipeline.Installing;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Writes imported certificates as managed ones: the definition, and a state that keeps the
 * other tool's current certificate in service (deployed where the definition deploys, since
 * the other tool deployed it) so that the first {@code exacme renew} follows the renewal
 * window instead of ordering at once. Nothing already managed is overwritten.
 */
public final class ImportedDefinitions {

    /** What became of one imported certificate. */
    public enum Result {
        /** Written as a new managed certificate. */
        WRITTEN,
        /** Already managed with this very definition (an import run again). */
        UNCHANGED,
        /** Not written; {@link Written#message} says why. */
        SKIPPED
    }

    /**
     * The outcome for one certificate.
     *
     * @param name    the managed name, empty for one refused by the mapping
     * @param result  what happened
     * @param message why, or what the first renewal will do
     */
    public record Written(String name, Result result, String message) {
    }

    private final ManagedCertificates managed;
    private final Installing store;
    private final RenewalTiming timing;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * Writes into {@code managed}, recording the import at {@code clock}'s time; a current
     * certificate is kept only when {@code store} finds it with its key where the definition
     * installs, its renewal time chosen by {@code timing} with {@code random}, as after an issuance.
     */
    public ImportedDefinitions(ManagedCertificates managed, Installing store, RenewalTiming timing, Clock clock,
                               RandomGenerator random) {
        this.managed = managed;
        this.store = store;
        this.timing = timing;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Writes {@code imported} from {@code tool}, unless a managed certificate of its name exists
     * (with the same definition: unchanged) or another one owns its store.
     */
    public Written write(ImportedCertificate imported, String tool) throws IOException {
        if (imported.spec().isEmpty()) {
            return new Written("", Result.SKIPPED, imported.refusal().orElse("not mapped"));
        }
        var spec = imported.spec().get();
        Optional<CertificateSpec> existing;
        try {
            existing = managed.spec(spec.name());
        } catch (ManagedCertificates.UnreadableFile e) {
            return new Written(spec.name(), Result.SKIPPED, "a managed certificate of this name exists and cannot be"
                    + " read (" + e.getMessage() + "); left alone");
        }
        if (existing.isPresent()) {
            if (sameDefinition(existing.get(), spec)) {
                return new Written(spec.name(), Result.UNCHANGED, "already imported");
            }
            if (importedFrom(spec.name(), tool, imported.origin())) {
                return new Written(spec.name(), Result.UNCHANGED, "imported before and changed since (exacme edit);"
                        + " left as it is");
            }
            return new Written(spec.name(), Result.SKIPPED, "a managed certificate of this name exists with another"
                    + " definition; left alone ('exacme show " + spec.name() + "', or 'exacme remove " + spec.name()
                    + "' and import again)");
        }
        var owner = managed.sharingStore(spec, spec.name());
        if (owner.isPresent()) {
            return new Written(spec.name(), Result.SKIPPED, "its store " + spec.store().location() + " belongs to"
                    + " managed certificate " + owner.get() + "; left alone");
        }
        var current = imported.current().flatMap(known -> dated(known));
        var state = CertificateState.empty();
        String message;
        var elsewhere = current.flatMap(known -> notInStore(spec, known.thumbprint()));
        if (elsewhere.isPresent()) {
            state = state.with(new Attempt(clock.instant(), "imported", "", "", origin(tool, imported.origin())
                    + "; " + elsewhere.get()));
            message = elsewhere.get() + ": the first 'exacme renew' orders a certificate into it (" + tool
                    + "'s stays where it is)";
        } else if (current.isPresent()) {
            var known = current.get();
            var window = RenewalTiming.lifetimeWindow(known.notBefore(), known.notAfter());
            // Chosen in the lifetime window as after an issuance; the first run asks the CA for its own.
            state = state.issued(known.thumbprint(), known.notBefore(), known.notAfter(), Phase.DEPLOYED)
                    .scheduled(timing.choose(window, known.notBefore(), known.notAfter(), Optional.empty(),
                            Optional.empty(), random), window.start(), window.end(), "lifetime", null);
            for (var key : spec.deploymentKeys()) {
                state = state.withDeployment(key);
            }
            state = state.with(new Attempt(clock.instant(), "imported", known.thumbprint(), "",
                    origin(tool, imported.origin())));
            message = "keeps " + known.thumbprint() + " (valid until " + known.notAfter() + "); renewed in its"
                    + " renewal window";
        } else {
            state = state.with(new Attempt(clock.instant(), "imported", "", "", origin(tool, imported.origin())
                    + "; its current certificate is not known"));
            message = "no current certificate known: the first 'exacme renew' orders one";
        }
        // The definition last: a definition without its state would be ordered at once.
        managed.save(spec.name(), state);
        if (current.isPresent() && current.get().certificate().isPresent()) {
            managed.saveCertificate(spec.name(), PemFormat.certificates(List.of(current.get().certificate().get())));
        }
        managed.save(spec);
        return new Written(spec.name(), Result.WRITTEN, message);
    }

    /**
     * Why the definition's store does not hold {@code thumbprint} with its key (the other tool
     * wrote other files), if it does not; a store that cannot be looked into here (the Windows
     * machine store off Windows) is taken at the other tool's word.
     */
    private Optional<String> notInStore(CertificateSpec spec, String thumbprint) {
        try {
            return store.missing(spec, thumbprint);
        } catch (AcmeFailure | StoreException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether managed certificate {@code name} was written by an earlier import of this very certificate. */
    private boolean importedFrom(String name, String tool, String origin) {
        try {
            return managed.state(name).history().stream().anyMatch(attempt -> "imported".equals(attempt.outcome())
                    && (attempt.message().equals(origin(tool, origin))
                    || attempt.message().startsWith(origin(tool, origin) + ";")));
        } catch (ManagedCertificates.UnreadableFile e) {
            return false;
        }
    }

    private static String origin(String tool, String origin) {
        return "from " + tool + ": " + origin;
    }

    /** Equal but for the creation time, which each import sets anew. */
    private static boolean sameDefinition(CertificateSpec one, CertificateSpec other) {
        return one.equals(new CertificateSpec(other.schemaVersion(), other.name(), other.identifiers(), other.ca(),
                other.challenge(), other.key(), other.store(), other.deployments(), other.timeout(),
                other.friendlyName(), one.created()));
    }

    /** The current certificate with its dates: from the file when it holds it, else as the other tool recorded. */
    private record Dated(String thumbprint, Instant notBefore, Instant notAfter, Optional<X509Certificate> certificate) {
    }

    private static Optional<Dated> dated(CurrentCertificate known) {
        String thumbprint;
        try {
            thumbprint = Thumbprint.parse(known.thumbprint()).hex();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        var certificate = known.file().flatMap(file -> read(file, thumbprint));
        if (certificate.isPresent()) {
            var read = certificate.get();
            return Optional.of(new Dated(thumbprint, read.getNotBefore().toInstant(), read.getNotAfter().toInstant(),
                    certificate));
        }
        if (known.notBefore().isPresent() && known.notAfter().isPresent()) {
            return Optional.of(new Dated(thumbprint, known.notBefore().get(), known.notAfter().get(),
                    Optional.empty()));
        }
        return Optional.empty();
    }

    /** The certificate of {@code thumbprint} in a PEM, DER or password-less PFX file, if it is there. */
    static Optional<X509Certificate> read(Path file, String thumbprint) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        var candidates = new ArrayList<X509Certificate>();
        try {
            candidates.addAll(PemFormat.readCertificates(new String(bytes, StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            // Not PEM; tried as DER and PFX below.
        }
        if (candidates.isEmpty()) {
            try {
                candidates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(bytes)));
            } catch (GeneralSecurityException | RuntimeException e) {
                candidates.addAll(pfx(bytes));
            }
        }
        return candidates.stream().filter(certificate -> Thumbprint.of(certificate).hex().equals(thumbprint))
                .findFirst();
    }

    private static List<X509Certificate> pfx(byte[] bytes) {
        for (var password : new char[][] {new char[0], null}) {
            try {
                var store = KeyStore.getInstance("PKCS12");
                store.load(new ByteArrayInputStream(bytes), password);
                var certificates = new ArrayList<X509Certificate>();
                for (var alias : Collections.list(store.aliases())) {
                    if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                        certificates.add(certificate);
                    }
                }
                return certificates;
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                // A password-protected PFX: its dates come from the other tool's record instead.
            }
        }
        return List.of();
    }
}
