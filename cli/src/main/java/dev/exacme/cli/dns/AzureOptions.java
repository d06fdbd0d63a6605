package dev.exacme.cli.dns;

import dev.exacme.acme.dns.azure.AzureSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
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

    @Option(names = "--azure-client-secret-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "azure: file with the client secret, readable only by its owner. Or set " + SECRET_VARIABLE
                    + ".")
    private String secretFile;

    @Option(names = "--azure-managed-identity",
            description = "azure: use the managed identity of the Azure VM exacme runs on.")
    private boolean managedIdentity;

    @Option(names = "--azure-management-url", paramLabel = "URL", defaultValue = AzureSettings.MANAGEMENT,
            description = "azure: Resource Manager URL (other clouds). Default: ${DEFAULT-VALUE}.")
    private String managementUrl = AzureSettings.MANAGEMENT;

    @Option(names = "--azure-login-url", paramLabel = "URL", defaultValue = AzureSettings.LOGIN,
            description = "azure: token endpoint host (other clouds). Default: ${DEFAULT-VALUE}.")
    private String loginUrl = AzureSettings.LOGIN;

    DnsProviderSpec spec() throws InvalidRequest {
        var secret = managedIdentity ? null : SecretSources.fileOrEnvironment(secretFile, SECRET_VARIABLE);
        return new DnsProviderSpec.Azure(subscription, resourceGroup, tenant, clientId, secret, managedIdentity,
                managementUrl, loginUrl);
    }
}
