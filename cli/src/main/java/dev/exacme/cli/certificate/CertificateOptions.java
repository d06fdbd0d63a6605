package dev.exacme.cli.certificate;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.cli.CaOptions;
import dev.exacme.cli.DurationConverter;
import dev.exacme.cli.account.AccountOptions;
import dev.exacme.cli.dns.DnsOptions;
import dev.exacme.cli.store.StoreOptions;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that define a certificate, shared by {@code exacme issue} and {@code exacme add}
 * (so both list them in {@code --help}), turned into a {@link CertificateSpec} with every default
 * resolved.
 */
public final class CertificateOptions {

    /** The key type when none is given. */
    public static final String DEFAULT_KEY_TYPE = "rsa2048";

    @Mixin
    private CaOptions ca;

    @Mixin
    private AccountOptions account;

    @Mixin
    private DnsOptions dns;

    @Option(names = {"-d", "--domain"}, paramLabel = "NAME", required = true, split = ",",
            description = "A DNS name for the certificate (the first is the subject). Repeatable, up to 100. "
                    + "Internationalized names are converted to A-labels.")
    private List<String> domains = new ArrayList<>();

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "80",
            description = "Port of exacme's own HTTP-01 listener (on Windows through http.sys, beside IIS). "
                    + "Default: ${DEFAULT-VALUE}; another port only if port 80 is forwarded to it.")
    private int httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS",
            description = "Address for the listener, IPv4 or IPv6. Repeatable. Default: every address.")
    private List<String> httpBind = new ArrayList<>();

    @Option(names = "--webroot", paramLabel = "DIR|iis|iis:SITE",
            description = "Instead of listening, write the answers under DIR/.well-known/acme-challenge/ of a "
                    + "running web server (removed afterwards). 'iis' uses the IIS site bound to the first name (else "
                    + "Default Web Site), 'iis:SITE' a site by name or id, with a web.config that lets IIS serve them.")
    private String webroot;

    @Option(names = "--iis-config", paramLabel = "FILE",
            description = "The IIS configuration to read sites from. Default: "
                    + "%%windir%%\\System32\\inetsrv\\config\\applicationHost.config.")
    private Path iisConfig;

    @Option(names = "--skip-self-check",
            description = "HTTP-01: ask the CA without first fetching every answer from this host the way the CA "
                    + "will (needed when this host cannot reach itself by its public names).")
    private boolean skipSelfCheck;

    @Option(names = "--key-type", paramLabel = "TYPE",
            description = "Certificate key: rsa2048, rsa3072, rsa4096, ec256, ec384. Default: " + DEFAULT_KEY_TYPE
                    + " (RSA is what every Exchange version accepts).")
    private String keyType;

    @Option(names = "--reuse-key",
            description = "Certify the key of the PEM store's key.pem instead of a fresh one (if there is one).")
    private boolean reuseKey;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "ACME profile the CA offers, e.g. Let's Encrypt's tlsserver or shortlived. Default: the"
                    + " CA's, but classic with --deploy exchange when the CA offers it (written in the definition).")
    private String profile;

    @Option(names = "--preferred-chain", paramLabel = "ISSUER_CN",
            description = "Prefer the alternate chain whose root or an issuer has this common name.")
    private String preferredChain;

    @Option(names = "--friendly-name", paramLabel = "TEXT",
            description = "The name shown next to the certificate (default: exacme <first name> <expiry date>).")
    private String friendlyName;

    @Mixin
    private StoreOptions storeOptions;

    @Mixin
    private DeploymentOptions deploymentOptions;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Longest wait for validation and for issuance, e.g. 90s or 10m. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    /** The CA options, whose network options belong to the run. */
    public CaOptions ca() {
        return ca;
    }

    /**
     * The specification these options stand for, every default resolved and checked.
     *
     * @param name       the managed certificate's name, empty text for a one-off issue
     * @param defaultPem the PEM directory when the store is PEM and {@code --out} is not given
     * @throws InvalidRequest naming the option and what to do
     */
    public CertificateSpec spec(String name, java.util.function.Function<String, Path> defaultPem)
            throws InvalidRequest {
        var names = CertificateRequest.parseNames(domains);
        var identifiers = names.stream().map(domain -> domain.ascii()).toList();
        var store = storeOptions.spec(defaultPem.apply(identifiers.get(0)));
        var deployments = deploymentOptions.specs();
        var key = new KeySpec(keyType != null ? keyType.toLowerCase(Locale.ROOT) : defaultKeyType(), reuseKey);
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, name, identifiers,
                ca.spec(account.spec(), profile, preferredChain), challenge(), key, store, deployments, timeout,
                friendlyName, Instant.now()).validated();
    }

    /**
     * The key type when none is given. The system property is a test seam that stands for a later
     * release changing the default: stored specifications must not follow it.
     */
    static String defaultKeyType() {
        return System.getProperty("exacme.default.key-type", DEFAULT_KEY_TYPE);
    }

    private ChallengeSpec challenge() throws InvalidRequest {
        if (dns.strayOptions()) {
            throw new InvalidRequest("--dns-zone and --dns-resolver apply to DNS-01 only: add --dns PROVIDER.");
        }
        if (dns.requested()) {
            if (webroot != null || !httpBind.isEmpty()) {
                throw new InvalidRequest("--dns validates through DNS; leave out --webroot and --http-bind.");
            }
            return dns.spec();
        }
        if (webroot != null && !httpBind.isEmpty()) {
            throw new InvalidRequest("--webroot and --http-bind exclude each other: with --webroot the existing "
                    + "web server answers the CA.");
        }
        if (webroot == null) {
            return new ChallengeSpec.Http01Listener(httpPort, httpBind, !skipSelfCheck);
        }
        if (webroot.equalsIgnoreCase("iis") || webroot.toLowerCase(Locale.ROOT).startsWith("iis:")) {
            return new ChallengeSpec.IisWebroot(webroot.length() > 4 ? webroot.substring(4) : null,
                    iisConfig == null ? null : iisConfig.toAbsolutePath().toString(), !skipSelfCheck);
        }
        return new ChallengeSpec.Webroot(Path.of(webroot).toAbsolutePath().toString(), !skipSelfCheck);
    }
}
