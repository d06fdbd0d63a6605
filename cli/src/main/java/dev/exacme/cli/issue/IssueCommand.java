package dev.exacme.cli.issue;

import dev.exacme.acme.challenge.Http01Solver;
import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.http01.Http01Responder;
import dev.exacme.acme.http01.Http01Webroot;
import dev.exacme.acme.http01.SelfCheck;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.acme.http01.iis.IisWebroot;
import dev.exacme.acme.http01.windows.HttpSysListener;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.renewal.RenewalInformation;
import dev.exacme.acme.revocation.Revocation;
import dev.exacme.acme.revocation.RevocationReason;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.cli.CaOptions;
import dev.exacme.cli.DurationConverter;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.account.AccountOptions;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.cli.dns.DnsOptions;
import dev.exacme.cli.exchange.ExchangeDeployment;
import dev.exacme.cli.exchange.ExchangeOptions;
import dev.exacme.exchange.deploy.DeployOptions;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.cli.store.InstallationReport;
import dev.exacme.cli.store.StoreOptions;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.Installation;
import dev.exacme.store.StoreException;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.pem.PemStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exacme issue}: order a certificate and install it into a store. */
@Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Orders a certificate and installs it into a store.",
            "Validates every name through HTTP-01 (own listener or --webroot) or DNS-01 (--dns PROVIDER,",
            "needed for wildcards), then installs certificate, chain and key with --store: the Windows machine",
            "store (default on Windows), PEM files (default elsewhere; --out DIR), a PFX file or a keystore."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE,
            ExitCodes.USAGE, ExitCodes.CA_REFUSED,
            ExitCodes.NETWORK})
public final class IssueCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

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

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa2048",
            description = "Certificate key: rsa2048, rsa3072, rsa4096, ec256, ec384. Default: ${DEFAULT-VALUE} "
                    + "(RSA is what every Exchange version accepts).")
    private String keyType;

    @Option(names = "--reuse-key",
            description = "Certify the key of the PEM store's key.pem instead of a fresh one (if there is one).")
    private boolean reuseKey;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "ACME profile the CA offers, e.g. Let's Encrypt's tlsserver or shortlived.")
    private String profile;

    @Option(names = "--preferred-chain", paramLabel = "ISSUER_CN",
            description = "Prefer the alternate chain whose root or an issuer has this common name.")
    private String preferredChain;

    @Option(names = "--replaces", paramLabel = "PEM", hidden = true,
            description = "The certificate this order renews (PEM file), named to CAs that offer renewal information;"
                    + " set by exacme renew.")
    private Path replaces;

    @Option(names = "--friendly-name", paramLabel = "TEXT",
            description = "The name shown next to the certificate (default: exacme <first name> <expiry date>).")
    private String friendlyName;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--deploy", paramLabel = "exchange",
            description = "After installing into the Windows machine store, deploy to Exchange and IIS as"
                    + " 'exacme exchange deploy' does (verified on the wire, rolled back if not served).")
    private String deploy;

    @Mixin
    private ExchangeOptions exchangeOptions;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Longest wait for validation and for issuance, e.g. 90s or 10m. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Override
    public Integer call() throws AcmeFailure, IOException, StoreException, PowerShellFailure {
        var console = global.console();

        // Everything that can be refused locally is refused before the CA hears from us.
        var names = CertificateRequest.parseNames(domains);
        var type = KeyType.parse(keyType);
        var deployOptions = deployOptions();
        var store = storeOptions.open(global.configDirectory());
        store.prepare();
        var request = new CertificateRequest(names, type, reusableKey(names.get(0).ascii()),
                Optional.ofNullable(profile), Optional.ofNullable(preferredChain), replacedCertificate());
        var network = ca.network(global.configDirectory());
        var dnsProvider = dns.requested() ? dns.provider(network.network()) : null;
        var dnsResolution = dns.requested() ? dns.resolution() : null;
        if (dnsProvider == null) {
            Http01Solver.refuseWildcards(request.names());
        } else if (webroot != null || !httpBind.isEmpty()) {
            throw new InvalidRequest("--dns validates through DNS; leave out --webroot and --http-bind.");
        }
        var usedType = request.effectiveKeyType();
        var settings = account.settings();
        var connection = ca.connect(global, network);
        var addresses = bindAddresses();

        try (var solver = dnsProvider != null ? dns.solver(dnsProvider, dnsResolution, console)
                : new Http01Solver(responder(addresses, names.get(0).ascii()), skipSelfCheck ? Optional.empty()
                        : Optional.of(SelfCheck.likeTheCa())); var cleanup = new SolverCleanup(solver, console)) {
            AccountLogin login = login(connection, settings);
            var flow = new OrderFlow(connection, new Poller(PollingPolicy.DEFAULT.withTimeout(timeout), console), console);
            var issued = flow.issue(login, request, solver);
            var installation = install(store, issued);
            report(issued, usedType, installation, login);
            if (deployOptions.isPresent()) {
                return ExchangeDeployment.deploy(console, exchangeOptions, installation.thumbprint(),
                        deployOptions.get(), false);
            }
        }
        return 0;
    }

    private Optional<java.security.cert.X509Certificate> replacedCertificate() throws InvalidRequest {
        if (replaces == null) {
            return Optional.empty();
        }
        try {
            return PemFormat.readCertificates(Files.readString(replaces)).stream().findFirst();
        } catch (IOException e) {
            throw new InvalidRequest("--replaces " + replaces + " is not a readable certificate (" + e.getMessage() + ").");
        }
    }

    /**
     * The renewal window the CA suggests for {@code certificate}, when its directory offers
     * renewal information; for {@code exacme renew}, on a command parsed from a definition.
     */
    public Optional<RenewalWindow> renewalWindow(java.security.cert.X509Certificate certificate)
            throws AcmeFailure, IOException {
        var connection = ca.connect(global);
        return new RenewalInformation(connection).window(login(connection, account.settings()), certificate);
    }

    /** Revokes {@code certificate} with this command's account at its CA; for {@code exacme revoke}. */
    public void revoke(java.security.cert.X509Certificate certificate, RevocationReason reason)
            throws AcmeFailure, IOException {
        var connection = ca.connect(global);
        new Revocation(connection).revoke(login(connection, account.settings()), certificate, reason);
    }

    /** This command's account at {@code connection}, registered first if it has none. */
    private AccountLogin login(AcmeCa connection, AccountSettings settings) throws AcmeFailure, IOException {
        return new Accounts(connection, ConfigDirectory.accountStore(global.configDirectory()), global.console())
                .login(settings);
    }

    /** The store this command installs into; for {@code exacme renew}, to see whether the key is still there. */
    public CertificateStore store() throws InvalidRequest, StoreException {
        return storeOptions.open(global.configDirectory());
    }

    /** The deployment asked for, checked before anything is ordered. */
    private Optional<DeployOptions> deployOptions() throws InvalidRequest {
        if (deploy == null) {
            return Optional.empty();
        }
        if (!deploy.equalsIgnoreCase("exchange")) {
            throw new InvalidRequest("--deploy " + deploy + " is not a deployment target; the one there is: exchange.");
        }
        var options = exchangeOptions.deployOptions();
        if (storeOptions.kind() != StoreOptions.Kind.WINDOWS) {
            throw new InvalidRequest("--deploy exchange needs the certificate in the Windows machine store"
                    + " (--store windows).");
        }
        ExchangeOptions.requireWindows("exacme issue --deploy exchange");
        return Optional.of(options);
    }

    private Optional<KeyPair> reusableKey(String firstName) throws InvalidRequest {
        if (!reuseKey) {
            return Optional.empty();
        }
        var directory = storeOptions.pemDirectory(global.configDirectory(), firstName).orElseThrow(() ->
                new InvalidRequest("--reuse-key works with the PEM store only: its key.pem is the key reused."));
        var key = directory.resolve("key.pem");
        if (!Files.exists(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PemFormat.readKeyPair(Files.readString(key)));
        } catch (IOException e) {
            throw new InvalidRequest("--reuse-key: " + key + " is not a readable private key ("
                    + e.getMessage() + "); remove --reuse-key to generate a new one.");
        }
    }

    /**
     * Installs the issued certificate. If the store refuses it, the certificate is not lost:
     * it is kept as PEM files under the configuration directory and the message says where.
     */
    private Installation install(CertificateStore store, IssuedCertificate issued) throws StoreException {
        var bundle = new CertificateBundle(issued.chain(), issued.keyPair().getPrivate());
        var name = friendlyName != null ? friendlyName : "exacme " + issued.names().get(0).ascii() + " "
                + DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(issued.notAfter());
        try {
            return store.install(bundle, name);
        } catch (StoreException e) {
            var keep = PemStore.perName(ConfigDirectory.pem(global.configDirectory()),
                    FileProtection.secret(Optional.empty()));
            if (store.location().equals(keep.location())) {
                throw e;
            }
            var kept = keep.install(bundle, name);
            var message = e.getMessage() + " The issued certificate is kept in " + kept.location() + ".";
            throw e instanceof StoreException.Rejected ? new StoreException.Rejected(message, e)
                    : new StoreException(message, e);
        }
    }

    private List<InetAddress> bindAddresses() throws InvalidRequest {
        if (webroot != null && !httpBind.isEmpty()) {
            throw new InvalidRequest("--webroot and --http-bind exclude each other: with --webroot the existing "
                    + "web server answers the CA.");
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new InvalidRequest("--http-port " + httpPort + " is not a port number (1-65535).");
        }
        var addresses = new ArrayList<InetAddress>();
        for (var address : httpBind) {
            addresses.add(literalAddress(address));
        }
        return addresses;
    }

    private Http01Responder responder(List<InetAddress> addresses, String firstName) throws IOException,
            InvalidRequest {
        if (webroot == null) {
            // On Windows, http.sys shares port 80 with IIS; explicit addresses need exacme's own listener.
            var windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            return windows && addresses.isEmpty() ? HttpSysListener.start(httpPort)
                    : Http01Listener.start(addresses, httpPort);
        }
        if (webroot.equalsIgnoreCase("iis") || webroot.toLowerCase(Locale.ROOT).startsWith("iis:")) {
            var configuration = IisConfiguration.read(iisConfig != null ? iisConfig
                    : IisConfiguration.machineConfiguration(System.getenv()), System.getenv());
            var selector = webroot.length() > 4 ? webroot.substring(4) : "iis";
            return new IisWebroot(configuration.site(selector, firstName));
        }
        return new Http01Webroot(Path.of(webroot));
    }

    private static InetAddress literalAddress(String text) throws InvalidRequest {
        var bare = text.trim().replace("[", "").replace("]", "");
        // Only literals: getByName would otherwise resolve a host name through DNS.
        if (bare.matches("[0-9.]+") || bare.contains(":")) {
            try {
                return InetAddress.getByName(bare);
            } catch (UnknownHostException e) {
                // Falls through to the message below.
            }
        }
        throw new InvalidRequest("--http-bind '" + text + "' is not an IPv4 or IPv6 address.");
    }

    private void report(IssuedCertificate issued, KeyType keyType, Installation installation, AccountLogin login) {
        var console = global.console();
        var document = console.newDocument();
        document.put("status", "issued");
        var names = document.putArray("names");
        issued.names().forEach(name -> names.add(name.ascii()));
        document.put("serial", issued.serialHex());
        document.put("thumbprint", issued.thumbprint());
        document.put("notBefore", issued.notBefore().toString());
        document.put("notAfter", issued.notAfter().toString());
        document.put("issuer", issued.leaf().getIssuerX500Principal().getName());
        document.put("chainLength", issued.chain().size());
        document.put("keyType", keyType.id());
        document.put("orderUrl", issued.orderUrl().toString());
        document.put("certificateUrl", issued.certificateUrl().toString());
        document.put("certificate", PemFormat.certificates(List.of(issued.leaf())));
        var accountNode = document.putObject("account");
        accountNode.put("url", login.account().location().toString());
        accountNode.put("created", login.created());
        document.set("installed", InstallationReport.json(console, installation));

        var date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        var text = new StringBuilder()
                .append("Certificate issued for ")
                .append(String.join(", ", issued.names().stream().map(name -> name.ascii()).toList())).append('\n')
                .append("  valid       ").append(date.format(issued.notBefore())).append(" to ")
                .append(date.format(issued.notAfter())).append('\n')
                .append("  issuer      ").append(issued.leaf().getIssuerX500Principal().getName()).append('\n')
                .append("  serial      ").append(issued.serialHex()).append('\n')
                .append("  thumbprint  ").append(issued.thumbprint()).append('\n')
                .append("  key         ").append(keyType.id()).append('\n')
                .append(InstallationReport.text(installation));
        console.result(document, text.toString());
    }
}
