package dev.exacme.cli.dns;

import java.util.List;

/**
 * What {@code exacme dns providers} says about each provider.
 *
 * @param id          the {@code --dns} value
 * @param description what it talks to
 * @param options     its options and secret sources
 */
record DnsProviderInfo(String id, String description, List<String> options) {

    static final List<DnsProviderInfo> ALL = List.of(
            new DnsProviderInfo("rfc2136", "RFC 2136 dynamic updates with TSIG (BIND, Knot, PowerDNS, Windows DNS)",
                    List.of("--rfc2136-server HOST[:PORT]", "--rfc2136-tsig-key NAME", "--rfc2136-tsig-algorithm ALG",
                        "--rfc2136-tsig-secret-file FILE | " + Rfc2136Options.SECRET_VARIABLE)),
            new DnsProviderInfo("cloudflare", "Cloudflare API v4",
                    List.of("--cloudflare-token-file FILE | " + CloudflareOptions.TOKEN_VARIABLE, "--cloudflare-api-url URL")),
            new DnsProviderInfo("azure", "Azure DNS through Azure Resource Manager",
                    List.of("--azure-subscription ID", "--azure-resource-group NAME", "--azure-tenant ID",
                        "--azure-client-id ID", "--azure-client-secret-file FILE | " + AzureOptions.SECRET_VARIABLE,
                        "--azure-managed-identity", "--azure-management-url URL", "--azure-login-url URL")),
            new DnsProviderInfo("route53", "Amazon Route 53",
                    List.of("--route53-access-key-id ID | AWS_ACCESS_KEY_ID",
                        "--route53-secret-key-file FILE | AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN)",
                        "--route53-instance-role", "--route53-endpoint URL")),
            new DnsProviderInfo("acme-dns", "joohoi/acme-dns (register with 'exacme dns acme-dns-register')",
                    List.of("--acme-dns-server URL", "--acme-dns-credentials-file FILE")),
            new DnsProviderInfo("script", "your program: PROGRAM [ARGS] present|cleanup NAME VALUE",
                    List.of("--dns-script PROGRAM", "--dns-script-arg ARG", "--dns-script-timeout DURATION")),
            new DnsProviderInfo("windows", "Windows DNS Server (Active Directory zones) through the DnsServer"
                    + " PowerShell module, as the account exacme runs as; not yet run on Windows",
                    List.of("--windows-dns-server NAME", "--windows-dns-powershell PROGRAM",
                        "--windows-dns-timeout DURATION")),
            new DnsProviderInfo("manual", "a person creates the records (interactive runs only)", List.of()));
}
