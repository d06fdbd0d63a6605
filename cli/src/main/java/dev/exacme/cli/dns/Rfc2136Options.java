package dev.exacme.cli.dns;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import picocli.CommandLine.Option;

/** Options of the {@code rfc2136} provider. */
public final class Rfc2136Options {

    /** The environment variable that may hold the TSIG secret. */
    public static final String SECRET_VARIABLE = "EXACME_RFC2136_TSIG_SECRET";

    @Option(names = "--rfc2136-server", paramLabel = "HOST[:PORT]",
            description = "rfc2136: the primary DNS server that accepts dynamic updates (port 53 by default).")
    private String server;

    @Option(names = "--rfc2136-tsig-key", paramLabel = "NAME",
            description = "rfc2136: TSIG key name. Without it, updates are unsigned (Windows DNS Server zones that "
                    + "allow non-secure updates).")
    private String keyName;

    @Option(names = "--rfc2136-tsig-algorithm", paramLabel = "ALG", defaultValue = "hmac-sha256",
            description = "rfc2136: hmac-sha256 (default) or hmac-sha512 (also sha1, sha224, sha384).")
    private String algorithm;

    @Option(names = "--rfc2136-tsig-secret-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "rfc2136: file with the base64 TSIG secret, readable only by its owner. Or set "
                    + SECRET_VARIABLE + ".")
    private String secretFile;

    DnsProviderSpec spec() throws InvalidRequest {
        var secret = keyName == null ? null : SecretSources.fileOrEnvironment(secretFile, SECRET_VARIABLE);
        return new DnsProviderSpec.Rfc2136(server, keyName, algorithm, secret);
    }
}
