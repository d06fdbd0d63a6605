package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.store.Stores;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.Installation;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.pem.PemStore;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Installs into the store the specification names. If the store refuses an issued
 * certificate, the certificate is not lost: it is kept as PEM files under {@code <config>/kept/}
 * (apart from every store a definition may own) and the message says where.
 */
public final class StoreInstalling implements Installing {

    private final RunContext run;

    /** Installing for one run. */
    public StoreInstalling(RunContext run) {
        this.run = run;
    }

    @Override
    public void prepare(CertificateSpec spec) throws InvalidRequest, IOException, StoreException {
        Stores.open(spec.store(), run.secrets(), run.environment()).prepare();
    }

    @Override
    public Installation install(CertificateSpec spec, IssuedCertificate issued) throws InvalidRequest, IOException,
            StoreException {
        var store = Stores.open(spec.store(), run.secrets(), run.environment());
        var bundle = new CertificateBundle(issued.chain(), issued.keyPair().getPrivate(), issued.crossSigned());
        var name = spec.friendlyName() != null ? spec.friendlyName() : "exacme " + issued.names().get(0).ascii() + " "
                + DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(issued.notAfter());
        try {
            return store.install(bundle, name);
        } catch (StoreException e) {
            var keep = PemStore.perName(run.configDirectory().resolve("kept"), FileProtection.secret(Optional.empty()));
            if (store.location().equals(keep.location())) {
                throw e;
            }
            var kept = keep.install(bundle, name);
            var message = e.getMessage() + " The issued certificate is kept in " + kept.location() + ".";
            throw e instanceof StoreException.Rejected ? new StoreException.Rejected(message, e)
                    : new StoreException(message, e);
        }
    }

    @Override
    public Optional<String> missing(CertificateSpec spec, String thumbprint) throws InvalidRequest, IOException,
            StoreException {
        var store = Stores.open(spec.store(), run.secrets(), run.environment());
        var stored = store.find(Thumbprint.parse(thumbprint));
        if (stored.isEmpty()) {
            return Optional.of("certificate " + thumbprint + " is no longer in " + store.location());
        }
        if (stored.get().key().isEmpty()) {
            return Optional.of("the private key of " + thumbprint + " is no longer in " + store.location());
        }
        return Optional.empty();
    }
}
