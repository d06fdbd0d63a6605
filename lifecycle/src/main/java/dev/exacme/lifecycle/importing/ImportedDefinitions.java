package dev.exacme.lifecycle.importing;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.lifecycle.managed.Attempt;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.lifecycle.store.Stores;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoredCertificate;
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

    /**
     * The certificate of a thumbprint in the store a definition installs into, if it is there.
     * {@link #of} is the real one; it fails where the store cannot be looked into (the Windows
     * machine store off Windows, a PFX whose password is not entered yet).
     */
    @FunctionalInterface
    public interface StoreLookup {

        /** The stored certificate of {@code thumbprint} in {@code spec}'s store, if any. */
        Optional<StoredCertificate> find(CertificateSpec spec, Thumbprint thumbprint)
                throws AcmeFailure, StoreException, IOException;

        /** Looks into the stores with the secrets of {@code secrets} and {@code environment}. */
        static StoreLookup of(SecretStore secrets, java.util.Map<String, String> environment) {
            return (spec, thumbprint) -> Stores.open(spec.store(), secrets, environment).find(thumbprint);
        }
    }

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
    private final StoreLookup store;
    private final RenewalTiming timing;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * Writes into {@code managed}, recording the import at {@code clock}'s time; a current
     * certificate is kept only when {@code store} finds it with its key where the definition
     * installs, its renewal time chosen by {@code timing} with {@code random}, as after an issuance.
     */
    public ImportedDefinitions(ManagedCertificates managed, StoreLookup store, RenewalTiming timing, Clock clock,
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
        return importing(imported, tool, true);
    }

    /** What {@link #write} would do, writing nothing ({@code --dry-run}). */
    public Written plan(ImportedCertificate imported, String tool) throws IOException {
        return importing(imported, tool, false);
    }

    private Written importing(ImportedCertificate imported, String tool, boolean write) throws IOException {
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
        var kept = current(spec, imported.current());
        var state = CertificateState.empty();
        String message;
        if (kept instanceof Kept.Dated known) {
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
            var why = ((Kept.Not) kept).why();
            state = state.with(new Attempt(clock.instant(), "imported", "", "", origin(tool, imported.origin())
                    + "; " + why));
            message = why + ": the first 'exacme renew' orders one" + (imported.current().isPresent() ? " (" + tool
                    + "'s stays where it is)" : "");
        }
        if (!write) {
            return new Written(spec.name(), Result.WRITTEN, message);
        }
        // The definition last: a definition without its state would be ordered at once.
        managed.save(spec.name(), state);
        if (kept instanceof Kept.Dated known && known.certificate().isPresent()) {
            managed.saveCertificate(spec.name(), PemFormat.certificates(List.of(known.certificate().get())));
        }
        managed.save(spec);
        return new Written(spec.name(), Result.WRITTEN, message);
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

    /** Whether the other tool's current certificate is kept, with its dates, or why not. */
    private sealed interface Kept {
        /** Kept: in the store (or taken at the other tool's word where the store cannot be looked into). */
        record Dated(String thumbprint, Instant notBefore, Instant notAfter, Optional<X509Certificate> certificate)
                implements Kept {
        }

        /** Not kept, and why. */
        record Not(String why) implements Kept {
        }
    }

    /**
     * The other tool's current certificate as the definition's store holds it; where the store
     * cannot be looked into, from its file or its record, which must give both dates.
     */
    private Kept current(CertificateSpec spec, Optional<CurrentCertificate> recorded) {
        if (recorded.isEmpty()) {
            return new Kept.Not("no current certificate known");
        }
        var known = recorded.get();
        Thumbprint thumbprint;
        try {
            thumbprint = Thumbprint.parse(known.thumbprint());
        } catch (IllegalArgumentException e) {
            return new Kept.Not("its current certificate's thumbprint is not a SHA-1 thumbprint");
        }
        try {
            var stored = store.find(spec, thumbprint);
            if (stored.isEmpty()) {
                return new Kept.Not("certificate " + thumbprint.hex() + " is not in " + spec.store().location());
            }
            if (stored.get().key().isEmpty()) {
                return new Kept.Not("the private key of " + thumbprint.hex() + " is not in " + spec.store().location());
            }
            var certificate = stored.get().certificate();
            return new Kept.Dated(thumbprint.hex(), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(), Optional.of(certificate));
        } catch (AcmeFailure | StoreException | IOException | RuntimeException e) {
            // The store cannot be looked into here: the other tool's word, from its file or its record.
            var file = known.file().flatMap(path -> read(path, thumbprint.hex()));
            if (file.isPresent()) {
                return new Kept.Dated(thumbprint.hex(), file.get().getNotBefore().toInstant(),
                        file.get().getNotAfter().toInstant(), file);
            }
            if (known.notBefore().isPresent() && known.notAfter().isPresent()) {
                return new Kept.Dated(thumbprint.hex(), known.notBefore().get(), known.notAfter().get(),
                        Optional.empty());
            }
            return new Kept.Not("the validity of " + thumbprint.hex() + " is not known (" + spec.store().location()
                    + " cannot be looked into here)");
        }
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
