package dev.exacme.cli.dns;

import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.rfc2136.Rfc2136Provider;
import dev.exacme.acme.dns.rfc2136.Rfc2136Settings;
import dev.exacme.acme.dns.rfc2136.Rfc2136Settings.TsigKey;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

    @Option(names = "--rfc2136-tsig-secret-file", paramLabel = "FILE",
            description = "rfc2136: file with the base64 TSIG secret, readable only by its owner. Or set "
                    + SECRET_VARIABLE + ".")
    private Path secretFile;

    DnsProvider provider() throws InvalidRequest {
        if (server == null) {
            throw new InvalidRequest("--dns rfc2136 needs --rfc2136-server HOST[:PORT], the zone's primary server.");
        }
        Optional<TsigKey> tsig = Optional.empty();
        if (keyName != null) {
            var secret = SecretFile.fromFileOrEnvironment(secretFile, "--rfc2136-tsig-secret-file", SECRET_VARIABLE,
                    "--rfc2136-tsig-key needs its secret: --rfc2136-tsig-secret-file FILE or " + SECRET_VARIABLE + ".");
            tsig = Optional.of(new TsigKey(keyName, algorithm, secret).validated());
        }
        return new Rfc2136Provider(new Rfc2136Settings(HostPort.parse(server, "--rfc2136-server"), tsig,
                Duration.ofSeconds(60), Duration.ofSeconds(10)));
    }
}
