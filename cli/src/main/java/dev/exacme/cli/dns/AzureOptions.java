package dev.exacme.cli.dns;

import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.azure.AzureDnsProvider;
import dev.exacme.acme.dns.azure.AzureSettings;
import dev.exacme.acme.dns.azure.AzureSettings.ManagedIdentity;
import dev.exacme.acme.dns.azure.AzureSettings.ServicePrincipal;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of the {@code azure} provider. */
public final class AzureOptions {

    /** The environment variable that may hold the client secret. */
    public static final String SECRET_VARIABLE = "EXACME_AZURE_CLIENT_SECRET";

    @Option(names = "--azure-subscription", paramLabel = "ID", description = "azure: subscription of the DNS zone.")
    private String subscription;

    @Option(names = "--azure-resource-group", paramLabel = "NAME", description = "azure: resource group of the zone.")
    private String resourceGroup;

    @Option(names = "--azure-tenant", paramLabel = "ID", description = "azure: tenant of the service principal.")
    private String tenant;

    @Option(names = "--azure-client-id", paramLabel = "ID",
            description = "azure: the service principal's application (client) id, or with "
                    + "--azure-managed-identity a user-assigned identity's client id.")
    private String clientId;

    @Option(names = "--azure-client-secret-file", paramLabel = "FILE",
            description = "azure: file with the client secret, readable only by its owner. Or set " + SECRET_VARIABLE
                    + ".")
    private Path secretFile;

    @Option(names = "--azure-managed-identity",
            description = "azure: use the managed identity of the Azure VM exacme runs on.")
    private boolean managedIdentity;

    @Option(names = "--azure-management-url", paramLabel = "URL", defaultValue = AzureSettings.MANAGEMENT,
            description = "azure: Resource Manager URL (other clouds). Default: ${DEFAULT-VALUE}.")
    private String managementUrl = AzureSettings.MANAGEMENT;

    @Option(names = "--azure-login-url", paramLabel = "URL", defaultValue = AzureSettings.LOGIN,
            description = "azure: token endpoint host (other clouds). Default: ${DEFAULT-VALUE}.")
    private String loginUrl = AzureSettings.LOGIN;

    DnsProvider provider(OutboundNetwork network) throws InvalidRequest {
        if (subscription == null || resourceGroup == null) {
            throw new InvalidRequest("--dns azure needs --azure-subscription and --azure-resource-group of the zone.");
        }
        AzureSettings.Credentials credentials;
        if (managedIdentity) {
            credentials = new ManagedIdentity(Optional.ofNullable(clientId), URI.create(AzureSettings.METADATA));
        } else {
            if (tenant == null || clientId == null) {
                throw new InvalidRequest("--dns azure needs --azure-tenant and --azure-client-id with a client secret, "
                        + "or --azure-managed-identity.");
            }
            var secret = SecretFile.fromFileOrEnvironment(secretFile, "--azure-client-secret-file", SECRET_VARIABLE,
                    "--dns azure needs the client secret: --azure-client-secret-file FILE or " + SECRET_VARIABLE + ".");
            credentials = new ServicePrincipal(tenant, clientId, secret, URI.create(loginUrl));
        }
        return new AzureDnsProvider(new AzureSettings(subscription, resourceGroup, credentials,
                URI.create(managementUrl)), network);
    }
}
