package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.exacme.acme.failure.InvalidRequest;
import java.time.Duration;
import java.util.List;

/** A DNS-01 provider and its settings; secrets only as {@link SecretSource}s. One record per provider. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "name")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DnsProviderSpec.Rfc2136.class, name = "rfc2136"),
    @JsonSubTypes.Type(value = DnsProviderSpec.Cloudflare.class, name = "cloudflare"),
    @JsonSubTypes.Type(value = DnsProviderSpec.Azure.class, name = "azure"),
    @JsonSubTypes.Type(value = DnsProviderSpec.Route53.class, name = "route53"),
    @JsonSubTypes.Type(value = DnsProviderSpec.AcmeDns.class, name = "acme-dns"),
    @JsonSubTypes.Type(value = DnsProviderSpec.Script.class, name = "script"),
    @JsonSubTypes.Type(value = DnsProviderSpec.Windows.class, name = "windows"),
    @JsonSubTypes.Type(value = DnsProviderSpec.Manual.class, name = "manual")})
public sealed interface DnsProviderSpec {

    /** The {@code --dns} name. */
    String id();

    /**
     * Checks that the provider has what it needs (a server, credentials, valid URLs).
     *
     * @throws InvalidRequest naming the option and what to do
     */
    void validate() throws InvalidRequest;

    /**
     * RFC 2136 dynamic updates, signed with TSIG when a key is named.
     *
     * @param server        the zone's primary server, HOST[:PORT]
     * @param tsigKey       the TSIG key name, null for unsigned updates
     * @param tsigAlgorithm the TSIG algorithm
     * @param tsigSecret    where the base64 TSIG secret comes from, null without a key
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rfc2136(String server, String tsigKey, String tsigAlgorithm, SecretSource tsigSecret)
            implements DnsProviderSpec {
        @Override
        public String id() {
            return "rfc2136";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (server == null) {
                throw new InvalidRequest("--dns rfc2136 needs --rfc2136-server HOST[:PORT], the zone's primary server.");
            }
            if (tsigKey != null && tsigSecret == null) {
                throw new InvalidRequest("--rfc2136-tsig-key needs its secret: --rfc2136-tsig-secret-file FILE,"
                        + " secret:NAME or EXACME_RFC2136_TSIG_SECRET.");
            }
        }
    }

    /**
     * Cloudflare API v4.
     *
     * @param token  where the API token comes from
     * @param apiUrl the API base URL
     */
    record Cloudflare(SecretSource token, String apiUrl) implements DnsProviderSpec {
        @Override
        public String id() {
            return "cloudflare";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (token == null) {
                throw new InvalidRequest("--dns cloudflare needs an API token: --cloudflare-token-file FILE,"
                        + " secret:NAME or EXACME_CLOUDFLARE_API_TOKEN.");
            }
            Urls.check(apiUrl, "--cloudflare-api-url");
        }
    }

    /**
     * Azure DNS through Resource Manager, with a service principal or the VM's managed identity.
     *
     * @param subscription    the zone's subscription
     * @param resourceGroup   the zone's resource group
     * @param tenant          the service principal's tenant, null with a managed identity
     * @param clientId        the service principal's (or a user-assigned identity's) client id
     * @param clientSecret    where the client secret comes from, null with a managed identity
     * @param managedIdentity use the managed identity of the Azure VM
     * @param managementUrl   the Resource Manager URL
     * @param loginUrl        the token endpoint host
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Azure(String subscription, String resourceGroup, String tenant, String clientId, SecretSource clientSecret,
                 boolean managedIdentity, String managementUrl, String loginUrl) implements DnsProviderSpec {
        @Override
        public String id() {
            return "azure";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (subscription == null || resourceGroup == null) {
                throw new InvalidRequest("--dns azure needs --azure-subscription and --azure-resource-group of the"
                        + " zone.");
            }
            if (!managedIdentity && (tenant == null || clientId == null || clientSecret == null)) {
                throw new InvalidRequest("--dns azure needs --azure-tenant and --azure-client-id with a client secret"
                        + " (--azure-client-secret-file FILE, secret:NAME or EXACME_AZURE_CLIENT_SECRET), or"
                        + " --azure-managed-identity.");
            }
            Urls.check(managementUrl, "--azure-management-url");
            Urls.check(loginUrl, "--azure-login-url");
        }
    }

    /**
     * Amazon Route 53, with an access key or the EC2 instance's role.
     *
     * @param accessKeyId  the access key id, null for AWS_ACCESS_KEY_ID of the run (or with the instance role)
     * @param secretKey    where the secret access key comes from, null with the instance role
     * @param instanceRole use the IAM role of the EC2 instance
     * @param endpoint     the API endpoint
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Route53(String accessKeyId, SecretSource secretKey, boolean instanceRole, String endpoint)
            implements DnsProviderSpec {
        @Override
        public String id() {
            return "route53";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (!instanceRole && secretKey == null) {
                throw new InvalidRequest("--dns route53 needs an access key (--route53-access-key-id and"
                        + " --route53-secret-key-file, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or"
                        + " --route53-instance-role.");
            }
            Urls.check(endpoint, "--route53-endpoint");
        }
    }

    /**
     * joohoi/acme-dns.
     *
     * @param server      the API base URL
     * @param credentials where the JSON registrations come from (lego's and certbot's format)
     */
    record AcmeDns(String server, SecretSource credentials) implements DnsProviderSpec {
        @Override
        public String id() {
            return "acme-dns";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (server == null) {
                throw new InvalidRequest("acme-dns needs --acme-dns-server URL.");
            }
            Urls.check(server, "--acme-dns-server");
            if (credentials == null) {
                throw new InvalidRequest("--dns acme-dns needs --acme-dns-credentials-file; create registrations with"
                        + " 'exacme dns acme-dns-register'.");
            }
        }
    }

    /**
     * The administrator's program, run as {@code PROGRAM [ARGS] present|cleanup NAME VALUE}.
     *
     * @param program   the program
     * @param arguments arguments placed before {@code present|cleanup}
     * @param timeout   the longest run of one call
     */
    record Script(String program, List<String> arguments, Duration timeout) implements DnsProviderSpec {
        /** Copies the list. */
        public Script {
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        @Override
        public String id() {
            return "script";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (program == null || program.isBlank()) {
                throw new InvalidRequest("--dns script needs --dns-script PROGRAM (and --dns-script-arg for its"
                        + " arguments).");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidRequest("--dns-script-timeout must be a positive duration, e.g. 2m.");
            }
        }
    }

    /**
     * Windows DNS Server through the DnsServer PowerShell module, as the account exacme runs as.
     *
     * @param server     the DNS server ({@code -ComputerName}, a domain controller), null for this computer's
     * @param powershell the PowerShell to run the cmdlets in, null for Windows PowerShell 5.1
     * @param timeout    the longest run of one cmdlet
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Windows(String server, String powershell, Duration timeout) implements DnsProviderSpec {

        /** Names, IPv4 and IPv6 addresses: what -ComputerName takes. */
        private static final java.util.regex.Pattern COMPUTER = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");

        @Override
        public String id() {
            return "windows";
        }

        @Override
        public void validate() throws InvalidRequest {
            if (server != null && (!COMPUTER.matcher(server).matches() || server.startsWith("-"))) {
                throw new InvalidRequest("--windows-dns-server '" + server + "' is not a computer name or address:"
                        + " give the DNS server (a domain controller) as DC01, dc01.corp.contoso.com or an address.");
            }
            if (powershell != null && powershell.isBlank()) {
                throw new InvalidRequest("--windows-dns-powershell needs the PowerShell program to run.");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidRequest("--windows-dns-timeout must be a positive duration, e.g. 2m.");
            }
        }
    }

    /** A person creates the records (interactive runs only). */
    record Manual() implements DnsProviderSpec {
        @Override
        public String id() {
            return "manual";
        }

        @Override
        public void validate() {
        }
    }

    /** URL checks shared by the providers. */
    final class Urls {
        private Urls() {
        }

        static void check(String url, String option) throws InvalidRequest {
            if (url == null) {
                throw new InvalidRequest(option + " needs a URL.");
            }
            try {
                var uri = java.net.URI.create(url);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest(option + " " + url + " is not a URL (https://HOST/...).");
            }
        }
    }
}
