package dev.exacme.cli.dns;

import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.lifecycle.acme.dns.DnsProviders;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.cli.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** DNS-01: which provider, its options, and how to check propagation. */
public final class DnsOptions {

    /** The providers exacme has, by command-line name. */
    public static final List<String> PROVIDERS = DnsProviderInfo.ALL.stream().map(DnsProviderInfo::id).toList();

    @Option(names = "--dns", paramLabel = "PROVIDER",
            description = "Validate through DNS-01 with this provider: ${COMPLETION-CANDIDATES}. Needed for "
                    + "wildcards; see 'exacme dns providers'.", completionCandidates = ProviderNames.class)
    private String provider;

    @Option(names = "--dns-zone", paramLabel = "ZONE",
            description = "The zone to write the TXT records into, instead of finding it from the SOA.")
    private String zone;

    @Option(names = "--dns-resolver", paramLabel = "HOST[:PORT]",
            description = "Resolver for CNAME, zone and name-server lookups. Repeatable. Default: the system's.")
    private List<String> resolvers = new ArrayList<>();

    @Option(names = "--dns-propagation-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "5m",
            description = "Longest wait for every authoritative server to serve the records. Default: "
                    + "${DEFAULT-VALUE}.")
    private Duration propagationTimeout;

    @ArgGroup(exclusive = false, heading = "rfc2136 provider:%n")
    private Rfc2136Options rfc2136 = new Rfc2136Options();

    @ArgGroup(exclusive = false, heading = "cloudflare provider:%n")
    private CloudflareOptions cloudflare = new CloudflareOptions();

    @ArgGroup(exclusive = false, heading = "azure provider:%n")
    private AzureOptions azure = new AzureOptions();

    @ArgGroup(exclusive = false, heading = "route53 provider:%n")
    private Route53Options route53 = new Route53Options();

    @ArgGroup(exclusive = false, heading = "acme-dns provider:%n")
    private AcmeDnsOptions acmeDns = new AcmeDnsOptions();

    @ArgGroup(exclusive = false, heading = "script provider:%n")
    private ScriptOptions script = new ScriptOptions();

    @ArgGroup(exclusive = false, heading = "windows provider:%n")
    private WindowsDnsOptions windows = new WindowsDnsOptions();

    /** The provider names, for picocli's completion and help. */
    static final class ProviderNames extends ArrayList<String> {
        ProviderNames() {
            super(PROVIDERS);
        }
    }

    /** Whether DNS-01 was asked for. */
    public boolean requested() {
        return provider != null;
    }

    /** Whether an option that only DNS-01 reads was given without {@code --dns}. */
    public boolean strayOptions() {
        return provider == null && (zone != null || !resolvers.isEmpty());
    }

    /**
     * The DNS-01 challenge: the provider with its settings, secrets as their sources.
     *
     * @throws InvalidRequest for an unknown provider
     */
    public ChallengeSpec.Dns01 spec() throws InvalidRequest {
        var id = provider.trim().toLowerCase(Locale.ROOT);
        DnsProviderSpec settings = switch (id) {
            case "rfc2136" -> (rfc2136 == null ? new Rfc2136Options() : rfc2136).spec();
            case "cloudflare" -> (cloudflare == null ? new CloudflareOptions() : cloudflare).spec();
            case "azure" -> (azure == null ? new AzureOptions() : azure).spec();
            case "route53" -> (route53 == null ? new Route53Options() : route53).spec();
            case "acme-dns" -> acmeDns().spec();
            case "script" -> (script == null ? new ScriptOptions() : script).spec();
            case "windows" -> (windows == null ? new WindowsDnsOptions() : windows).spec();
            case "manual" -> new DnsProviderSpec.Manual();
            default -> throw new InvalidRequest("--dns '" + provider + "' is not a provider exacme has: "
                    + String.join(", ", PROVIDERS) + ".");
        };
        return new ChallengeSpec.Dns01(settings, zone, resolvers, propagationTimeout);
    }

    /** The configured provider, opened for this run (for {@code exacme dns test}). */
    public DnsProvider provider(OutboundNetwork network, java.nio.file.Path configDirectory)
            throws InvalidRequest, java.io.IOException {
        return new DnsProviders(network, SecretStore.open(configDirectory), System.getenv()).open(spec());
    }

    /** The acme-dns options (also used by {@code exacme dns acme-dns-register}). */
    AcmeDnsOptions acmeDns() {
        return acmeDns == null ? new AcmeDnsOptions() : acmeDns;
    }
}
