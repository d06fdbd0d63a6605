package dev.exacme.acme.dns.azure;

import java.net.URI;
import java.util.Optional;

/**
 * Azure DNS through Azure Resource Manager.
 *
 * @param subscriptionId the subscription that holds the zone
 * @param resourceGroup  the resource group of the zone
 * @param credentials    how to get a token
 * @param managementUrl  ARM, {@value #MANAGEMENT}
 */
public record AzureSettings(String subscriptionId, String resourceGroup, Credentials credentials, URI managementUrl) {

    /** Azure Resource Manager in the public cloud. */
    public static final String MANAGEMENT = "https://management.azure.com/";
    /** Microsoft Entra ID (Azure AD) token endpoint host in the public cloud. */
    public static final String LOGIN = "https://login.microsoftonline.com/";
    /** The instance metadata service that hands out managed-identity tokens. */
    public static final String METADATA = "http://169.254.169.254/";

    /** How exacme authenticates to Azure. */
    public sealed interface Credentials {
    }

    /**
     * A service principal's client secret (client credentials grant).
     *
     * @param clientSecret a secret; never printed
     */
    public record ServicePrincipal(String tenantId, String clientId, String clientSecret, URI loginUrl)
            implements Credentials {
        @Override
        public String toString() {
            return "ServicePrincipal[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=(hidden)]";
        }
    }

    /**
     * The managed identity of the Azure VM exacme runs on.
     *
     * @param clientId a user-assigned identity's client id; empty for the system-assigned one
     */
    public record ManagedIdentity(Optional<String> clientId, URI metadataUrl) implements Credentials {
    }
}
