package dev.exacme.cli.issue;

import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The PEM files {@code exacme issue} writes to {@code --out}, named as certbot names them
 * so that existing web server configurations can point at them: {@code cert.pem} (leaf),
 * {@code chain.pem} (intermediates), {@code fullchain.pem} (both) and {@code key.pem}
 * (owner-only). Machine stores replace this once the store-installer lands.
 *
 * @param certificate the leaf
 * @param chain       the intermediates
 * @param fullChain   leaf and intermediates
 * @param key         the private key, mode 0600
 */
public record PemFiles(Path certificate, Path chain, Path fullChain, Path key) {

    /** The file names inside an output directory. */
    public static PemFiles in(Path directory) {
        return new PemFiles(directory.resolve("cert.pem"), directory.resolve("chain.pem"),
                directory.resolve("fullchain.pem"), directory.resolve("key.pem"));
    }

    /**
     * Writes all four files, each atomically. The key goes last: until it is replaced,
     * the previous key stays next to a certificate that does not match it only if the
     * process dies in between, and the next run rewrites everything.
     */
    public void write(IssuedCertificate issued) throws IOException {
        PrivateFiles.write(certificate, PemFormat.certificates(List.of(issued.leaf())), Visibility.PUBLIC_READ);
        PrivateFiles.write(chain, PemFormat.certificates(issued.intermediates()), Visibility.PUBLIC_READ);
        PrivateFiles.write(fullChain, PemFormat.certificates(issued.chain()), Visibility.PUBLIC_READ);
        PrivateFiles.write(key, PemFormat.privateKey(issued.keyPair().getPrivate()), Visibility.OWNER_ONLY);
    }
}
