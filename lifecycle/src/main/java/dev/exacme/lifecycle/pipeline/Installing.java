package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.store.Installation;
import dev.exacme.store.StoreException;
import java.io.IOException;
import java.util.Optional;

/** The pipeline's install step: {@link StoreInstalling} puts certificates into the specification's store. */
public interface Installing {

    /** Checks before anything is ordered that an install could succeed. */
    void prepare(CertificateSpec spec) throws InvalidRequest, IOException, StoreException;

    /** Installs certificate, chain and key; nothing of an earlier install is lost when it fails. */
    Installation install(CertificateSpec spec, IssuedCertificate issued) throws InvalidRequest, IOException,
            StoreException;

    /** Why {@code thumbprint} must be renewed because it or its key left the store, if it did. */
    Optional<String> missing(CertificateSpec spec, String thumbprint) throws InvalidRequest, IOException,
            StoreException;
}
