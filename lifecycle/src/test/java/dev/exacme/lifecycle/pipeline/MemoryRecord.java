package dev.exacme.lifecycle.pipeline;

import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A record in memory holding the certificate as a file, as the managed state keeps it. */
final class MemoryRecord implements StateRecord {

    CertificateState state = CertificateState.empty();
    /** The definition as a pass wrote it again, if it did. */
    Optional<CertificateSpec> definition = Optional.empty();
    final Path pem;

    MemoryRecord(Path pem) {
        this.pem = pem;
    }

    @Override
    public void save(CertificateState saved) {
        state = saved;
    }

    @Override
    public void saveCertificate(String text) throws IOException {
        Files.writeString(pem, text);
    }

    @Override
    public void saveDefinition(CertificateSpec spec) {
        definition = Optional.of(spec);
    }

    @Override
    public Optional<Path> certificate() {
        return Files.exists(pem) ? Optional.of(pem) : Optional.empty();
    }
}
