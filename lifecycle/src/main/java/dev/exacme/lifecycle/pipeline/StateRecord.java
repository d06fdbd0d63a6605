package dev.exacme.lifecycle.pipeline;

import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the pipeline records a certificate's phases, atomically after each step: a managed
 * certificate's state files, or nothing for a one-off {@code exacme issue}.
 */
public interface StateRecord {

    /** Records nothing: {@code exacme issue} without a managed certificate. */
    StateRecord NONE = new StateRecord() {
        @Override
        public void save(CertificateState state) {
        }

        @Override
        public void saveCertificate(String pem) {
        }

        @Override
        public Optional<Path> certificate() {
            return Optional.empty();
        }

        @Override
        public void saveDefinition(CertificateSpec spec) {
        }
    };

    /** Writes the state. */
    void save(CertificateState state) throws IOException;

    /** Keeps the current certificate (PEM, public data). */
    void saveCertificate(String pem) throws IOException;

    /** The kept current certificate, if any (for renewal information and {@code replaces}). */
    Optional<Path> certificate();

    /**
     * Writes the definition again with a default the pass resolved (the ACME profile of an
     * Exchange deployment), so that later passes keep it.
     */
    void saveDefinition(CertificateSpec spec) throws IOException;

    /** The record of managed certificate {@code name}. */
    static StateRecord of(ManagedCertificates managed, String name) {
        return new StateRecord() {
            @Override
            public void save(CertificateState state) throws IOException {
                managed.save(name, state);
            }

            @Override
            public void saveCertificate(String pem) throws IOException {
                managed.saveCertificate(name, pem);
            }

            @Override
            public void saveDefinition(CertificateSpec spec) throws IOException {
                managed.save(spec);
            }

            @Override
            public Optional<Path> certificate() {
                var file = managed.certificateFile(name);
                return Files.exists(file) ? Optional.of(file) : Optional.empty();
            }
        };
    }
}
