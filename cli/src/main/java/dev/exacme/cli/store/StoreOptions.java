package dev.exacme.cli.store;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a certificate goes ({@code --store}) and how its key is installed: the store options of
 * {@code issue}, {@code add} and {@code edit}. Bad combinations are refused before anything is
 * ordered.
 */
public final class StoreOptions {

    /** How a key is installed, beyond where: nothing of it for the commands that only open a store. */
    record Installing(boolean cng, boolean exportable, List<String> aclRead, List<String> aclFull,
                      boolean pfxLegacy) {
        static final Installing NONE = new Installing(false, false, List.of(), List.of(), false);
    }

    @Mixin
    private StoreLocation location;

    @Mixin
    private KeyGrants grants;

    @Option(names = "--pfx-legacy",
            description = "--store pfx: 3DES/SHA-1 instead of AES-256/SHA-256, for Windows Server 2016 and older.")
    private boolean pfxLegacy;

    @Option(names = "--cng", description = "--store windows: RSA keys into the CNG Software Key Storage Provider"
            + " instead of the SChannel CSP (Exchange's OWA/ECP forms login needs the CSP).")
    private boolean cng;

    @Option(names = "--exportable", description = "--store windows: let the private key be exported later.")
    private boolean exportable;

    /** A thumbprint as the person typed it; bad input is a usage error naming it. */
    public static dev.exacme.store.Thumbprint thumbprint(String text) throws InvalidRequest {
        try {
            return dev.exacme.store.Thumbprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }

    /**
     * The store chosen, every default resolved: PEM files default to {@code defaultPem}.
     *
     * @throws InvalidRequest for options that do not go with the store
     */
    public StoreSpec spec(Path defaultPem) throws InvalidRequest {
        if (location.kind() != StoreLocation.Kind.WINDOWS && (cng || exportable || grants.any())) {
            throw new InvalidRequest("--cng, --exportable, --acl-read and --acl-full apply to --store windows only;"
                    + " file stores are protected by their file permissions (--key-group).");
        }
        return location.spec(defaultPem, new Installing(cng, exportable, grants.aclRead(), grants.aclFull(),
                pfxLegacy));
    }
}
