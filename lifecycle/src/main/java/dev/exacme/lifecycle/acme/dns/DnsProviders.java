package dev.exacme.lifecycle.acme.dns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.acmedns.AcmeDnsProvider;
import dev.exacme.acme.dns.acmedns.AcmeDnsRegistration;
import dev.exacme.acme.dns.azure.AzureDnsProvider;
import dev.exacme.acme.dns.azure.AzureSettings;
import dev.exacme.acme.dns.cloudflare.CloudflareProvider;
import dev.exacme.acme.dns.cloudflare.CloudflareSettings;
import dev.exacme.acme.dns.manual.ManualProvider;
import dev.exacme.acme.dns.rfc2136.Rfc2136Provider;
import dev.exacme.acme.dns.rfc2136.Rfc2136Settings;
import dev.exacme.acme.dns.route53.AwsCredentials;
import dev.exacme.acme.dns.route53.Route53Provider;
import dev.exacme.acme.dns.route53.Route53Settings;
import dev.exacme.acme.dns.script.ScriptProvider;
import dev.exacme.acme.dns.script.ScriptSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.exchange.dnsserver.PowerShellDnsServer;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.lifecycle.acme.dns.windows.WindowsDnsProvider;
import dev.exacme.lifecycle.acme.dns.windows.WindowsDnsSettings;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the DNS provider a specification names, with its secrets read into memory from
 * their sources for this run only.
 *
 * @param network     the outbound network of the run
 * @param secrets     the secret store
 * @param environment the process environment (for {@code env:} sources and the AWS session token)
 */
public record DnsProviders(OutboundNetwork network, SecretStore secrets, Map<String, String> environment) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The provider of a DNS-01 challenge, ready to present records. */
    public DnsProvider open(ChallengeSpec.Dns01 challenge) throws InvalidRequest, IOException {
        return open(challenge.provider(), challenge.zone() != null);
    }

    /**
     * The provider, ready to present records.
     *
     * @param zoneGiven whether {@code --dns-zone} names the zone (the windows provider then looks for none)
     */
    public DnsProvider open(DnsProviderSpec spec, boolean zoneGiven) throws InvalidRequest, IOException {
        spec.validate();
        if (spec instanceof DnsProviderSpec.Rfc2136 rfc2136) {
            return rfc2136(rfc2136);
        }
        if (spec instanceof DnsProviderSpec.Cloudflare cloudflare) {
            return new CloudflareProvider(new CloudflareSettings(
                    cloudflare.token().read("--cloudflare-token-file", secrets, environment),
                    URI.create(cloudflare.apiUrl())), network);
        }
        if (spec instanceof DnsProviderSpec.Azure azure) {
            return azure(azure);
        }
        if (spec instanceof DnsProviderSpec.Route53 route53) {
            return route53(route53);
        }
        if (spec instanceof DnsProviderSpec.AcmeDns acmeDns) {
            return new AcmeDnsProvider(URI.create(acmeDns.server()), registrations(acmeDns), network);
        }
        if (spec instanceof DnsProviderSpec.Script script) {
            var command = new ArrayList<String>();
            command.add(script.program());
            command.addAll(script.arguments());
            return new ScriptProvider(new ScriptSettings(command, script.timeout()));
        }
        if (spec instanceof DnsProviderSpec.Windows windows) {
            return windows(windows, zoneGiven);
        }
        return new ManualProvider(TerminalPerson.atTerminal());
    }

    private static DnsProvider windows(DnsProviderSpec.Windows spec, boolean zoneGiven) throws InvalidRequest {
        PowerShellRunner runner;
        if (spec.powershell() != null) {
            runner = new PowerShellRunner(List.of(spec.powershell()), spec.timeout());
        } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            runner = PowerShellRunner.windowsPowerShell(spec.timeout());
        } else {
            throw new InvalidRequest("--dns windows runs the DnsServer module of Windows PowerShell: run exacme on"
                    + " Windows (not yet run on Windows), or name a PowerShell that has it with"
                    + " --windows-dns-powershell.");
        }
        var server = Optional.ofNullable(spec.server());
        return new WindowsDnsProvider(new PowerShellDnsServer(runner, server),
                new WindowsDnsSettings(server, zoneGiven, Duration.ofSeconds(60)));
    }

    private DnsProvider rfc2136(DnsProviderSpec.Rfc2136 spec) throws InvalidRequest, IOException {
        Optional<Rfc2136Settings.TsigKey> tsig = Optional.empty();
        if (spec.tsigKey() != null) {
            var secret = spec.tsigSecret().read("--rfc2136-tsig-secret-file", secrets, environment);
            tsig = Optional.of(new Rfc2136Settings.TsigKey(spec.tsigKey(), spec.tsigAlgorithm(), secret).validated());
        }
        return new Rfc2136Provider(new Rfc2136Settings(HostPort.parse(spec.server(), "--rfc2136-server"), tsig,
                Duration.ofSeconds(60), Duration.ofSeconds(10)));
    }

    private DnsProvider azure(DnsProviderSpec.Azure spec) throws InvalidRequest, IOException {
        AzureSettings.Credentials credentials = spec.managedIdentity()
                ? new AzureSettings.ManagedIdentity(Optional.ofNullable(spec.clientId()),
                        URI.create(AzureSettings.METADATA))
                : new AzureSettings.ServicePrincipal(spec.tenant(), spec.clientId(),
                        spec.clientSecret().read("--azure-client-secret-file", secrets, environment),
                        URI.create(spec.loginUrl()));
        return new AzureDnsProvider(new AzureSettings(spec.subscription(), spec.resourceGroup(), credentials,
                URI.create(spec.managementUrl())), network);
    }

    private DnsProvider route53(DnsProviderSpec.Route53 spec) throws InvalidRequest, IOException {
        Route53Settings.CredentialsSource source;
        if (spec.instanceRole()) {
            source = new Route53Settings.InstanceRole(URI.create(Route53Settings.METADATA));
        } else {
            var id = spec.accessKeyId() != null ? spec.accessKeyId() : environment.get("AWS_ACCESS_KEY_ID");
            if (id == null || id.isBlank()) {
                throw new InvalidRequest("--dns route53 needs --route53-access-key-id or AWS_ACCESS_KEY_ID in the"
                        + " environment of the run.");
            }
            var secret = spec.secretKey().read("--route53-secret-key-file", secrets, environment);
            var token = Optional.ofNullable(environment.get("AWS_SESSION_TOKEN")).filter(value -> !value.isBlank());
            source = new Route53Settings.AccessKey(new AwsCredentials(id.trim(), secret.trim(), token));
        }
        return new Route53Provider(new Route53Settings(source, URI.create(spec.endpoint()), Duration.ofMinutes(5)),
                network, Clock.systemUTC());
    }

    private List<AcmeDnsRegistration> registrations(DnsProviderSpec.AcmeDns spec) throws InvalidRequest, IOException {
        var text = spec.credentials().read("--acme-dns-credentials-file", secrets, environment);
        try {
            var result = new ArrayList<AcmeDnsRegistration>();
            var fields = JSON.readTree(text).fields();
            while (fields.hasNext()) {
                var entry = fields.next().getValue();
                result.add(new AcmeDnsRegistration(entry.path("username").asText(), entry.path("password").asText(),
                        entry.path("subdomain").asText(), entry.path("fulldomain").asText()));
            }
            return result;
        } catch (IOException e) {
            // Never the content: it holds passwords.
            throw new InvalidRequest("--acme-dns-credentials-file " + spec.credentials() + " is not valid JSON; it was"
                    + " left as it is.");
        }
    }
}
