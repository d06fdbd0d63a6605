package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.dns.azure.AzureSettings;
import dev.exacme.acme.dns.cloudflare.CloudflareSettings;
import dev.exacme.acme.dns.route53.Route53Settings;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import dev.exacme.lifecycle.spec.SecretSource;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validation plugin ({@code ValidationPluginOptions}) as an exacme challenge: self-hosting
 * to exacme's own HTTP-01 listener on the same port, file system to a webroot or an IIS site's
 * webroot, and the DNS plugins exacme has a provider for to that provider with its settings
 * and its credentials as secrets to enter. Everything else is refused rather than mapped to
 * manual DNS: a scheduled renewal that waits for a person fails at every run, which is worse
 * than being told now which certificates need another way.
 */
final class ChallengeMapping {

    /** exacme's propagation wait when win-acme's settings say nothing ({@code exacme add}'s default). */
    static final Duration PROPAGATION = Duration.ofMinutes(5);

    /** exacme's DNS script timeout when win-acme's settings say nothing ({@code exacme add}'s default). */
    static final Duration DNS_SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    /** Azure clouds by win-acme's {@code AzureEnvironment} names: Resource Manager and login URLs. */
    private static final Map<String, List<String>> AZURE_CLOUDS = Map.of(
            "azurecloud", List.of(AzureSettings.MANAGEMENT, AzureSettings.LOGIN),
            "azurechinacloud", List.of("https://management.chinacloudapi.cn/", "https://login.chinacloudapi.cn/"),
            "azureusgovernment", List.of("https://management.usgovcloudapi.net/", "https://login.microsoftonline.us/"),
            "azuregermancloud", List.of("https://management.microsoftazure.de/", "https://login.microsoftonline.de/"));

    private ChallengeMapping() {
    }

    /**
     * The challenge.
     *
     * @throws Refusal for validation exacme cannot do, naming what to use instead
     */
    static ChallengeSpec challenge(JsonNode validation, SourceNames names, RenewalContext context) throws Refusal {
        var guid = RenewalJson.text(validation, "Plugin").orElse(null);
        var plugin = WinAcmePlugin.of(WinAcmePlugin.Step.VALIDATION, guid).orElseThrow(() -> new Refusal(
                "the validation plugin " + guid + " is not one of win-acme's or simple-acme's (a third-party"
                        + " plugin?); choose exacme's validation with 'exacme add'."));
        return switch (plugin) {
            case HTTP_SELF_HOSTING -> selfHosting(validation);
            case HTTP_FILE_SYSTEM -> fileSystem(validation, names, context);
            case MANUAL_VALIDATION -> {
                context.unmapped("manual validation: exacme's is DNS-01 with the records created by a person, in"
                        + " interactive runs only; like win-acme's, it cannot renew on schedule.");
                yield dns(new DnsProviderSpec.Manual(), null, context);
            }
            case SCRIPT_VALIDATION -> dnsScript(validation, context);
            case DNS_ACME_DNS -> dns(acmeDns(validation, names, context), null, context);
            case DNS_AZURE -> azure(validation, context);
            case DNS_CLOUDFLARE -> dns(cloudflare(validation, context), null, context);
            case DNS_ROUTE53 -> dns(route53(validation, context), null, context);
            case DNS_RFC2136 -> dns(rfc2136(validation, context), null, context);
            case TLS_SELF_HOSTING -> throw new Refusal("validation is TLS-ALPN-01 self-hosting; exacme validates by"
                    + " HTTP-01 or DNS-01: use its listener on port 80 ('exacme add' without --webroot) or a DNS"
                    + " provider.");
            case HTTP_FTP, HTTP_SFTP, HTTP_WEBDAV, HTTP_REST -> throw new Refusal("validation uploads the answers ("
                    + plugin.description() + "); exacme writes them to a directory it can reach: mount the share"
                    + " and use --webroot DIR, or use a DNS provider.");
            case NO_VALIDATION -> throw new Refusal("validation is 'none' (authorizations made outside"
                    + " simple-acme); exacme proves control itself: choose a validation with 'exacme add'.");
            default -> {
                if (plugin.dnsProvider()) {
                    throw new Refusal("validation is " + plugin.description() + ", for which exacme has no"
                            + " provider; exacme has rfc2136, cloudflare, azure, route53, acme-dns and script: point"
                            + " _acme-challenge at acme-dns with a CNAME, or call the provider's API from a"
                            + " script (--dns script).");
                }
                throw new Refusal("the validation plugin is " + plugin.description() + ", not a validation.");
            }
        };
    }

    private static ChallengeSpec selfHosting(JsonNode options) throws Refusal {
        if (RenewalJson.bool(options, "Https").orElse(false)) {
            throw new Refusal("self-hosting validation answers over https (behind a redirect); exacme's listener"
                    + " answers plain http, as the CA asks on port 80.");
        }
        long port = RenewalJson.number(options, "Port").orElse(80L);
        if (port < 1 || port > 65535) {
            throw new Refusal("self-hosting validation Port " + port + " is not a port number (1-65535).");
        }
        // http.sys listens on http://+:PORT/, every address: no bind list.
        return new ChallengeSpec.Http01Listener((int) port, List.of(), true);
    }

    private static ChallengeSpec fileSystem(JsonNode options, SourceNames names, RenewalContext context)
            throws Refusal {
        var path = RenewalJson.text(options, "Path");
        if (path.isPresent()) {
            var directory = WinAcmePaths.unquoted(path.get(), "file system validation Path", context);
            if (!RenewalJson.bool(options, "IsRootPath").orElse(true)) {
                // simple-acme writes the answers into Path itself; exacme writes below DIR/.well-known/acme-challenge.
                var root = directory.replaceAll("(?i)[\\\\/]\\.well-known[\\\\/]acme-challenge[\\\\/]?$", "");
                if (root.equals(directory)) {
                    throw new Refusal("file system validation writes the answers into " + directory + " itself"
                            + " (IsRootPath false); exacme writes them under DIR/.well-known/acme-challenge/ of a"
                            + " web root: give that root with --webroot DIR.");
                }
                directory = root;
            }
            if (RenewalJson.bool(options, "CopyWebConfig").orElse(false)) {
                context.unmapped("file system validation CopyWebConfig: exacme writes no web.config into a plain"
                        + " webroot; if IIS serves " + directory + ", use '--webroot iis:SITE', which does.");
            }
            return new ChallengeSpec.Webroot(directory, true);
        }
        var site = RenewalJson.number(options, "SiteId");
        if (site.isPresent()) {
            return new ChallengeSpec.IisWebroot(String.valueOf(site.get()), null, true);
        }
        if (names.siteIds().size() == 1) {
            return new ChallengeSpec.IisWebroot(String.valueOf(names.siteIds().get(0)), null, true);
        }
        if (names.siteIds().size() > 1) {
            context.unmapped("file system validation into the webroot of each name's IIS site ("
                    + String.join(", ", names.siteIds().stream().map(String::valueOf).toList()) + "): exacme writes"
                    + " into one site's, the site bound to the first name (else Default Web Site).");
            return new ChallengeSpec.IisWebroot(null, null, true);
        }
        throw new Refusal("file system validation has neither a Path nor an IIS site (win-acme fails it the same way:"
                + " 'No path specified').");
    }

    private static ChallengeSpec.Dns01 dns(DnsProviderSpec provider, String zone, RenewalContext context)
            throws Refusal {
        var settings = context.settings();
        // win-acme's own wait: PreValidateDnsRetryCount tries, PreValidateDnsRetryInterval seconds apart.
        var count = settings.number("Validation", "PreValidateDnsRetryCount");
        var interval = settings.number("Validation", "PreValidateDnsRetryInterval");
        var propagation = PROPAGATION;
        if (count.isPresent() && interval.isPresent() && count.get() > 0 && interval.get() > 0) {
            propagation = Duration.ofSeconds(count.get() * interval.get());
        }
        var resolvers = settings.texts("Validation", "DnsServers").stream()
                .filter(server -> !server.equalsIgnoreCase("[System]")).toList();
        return new ChallengeSpec.Dns01(provider, zone, resolvers, propagation);
    }

    private static ChallengeSpec dnsScript(JsonNode options, RenewalContext context) throws Refusal {
        var type = RenewalJson.text(options, "ChallengeType").orElse("dns-01");
        if (!type.equalsIgnoreCase("dns-01")) {
            throw new Refusal("validation runs a script for " + type + "; exacme runs scripts for DNS-01 only: serve"
                    + " HTTP-01 with exacme's listener or --webroot DIR.");
        }
        var create = RenewalJson.text(options, "Script").or(() -> optional(options, "CreateScript"));
        if (create.isEmpty()) {
            throw new Refusal("the DNS validation script names no Script or CreateScript.");
        }
        var program = WinAcmePaths.expanded(WinAcmePaths.unquoted(create.get(), "DNS validation script", context),
                "DNS validation script", context);
        var delete = optional(options, "DeleteScript");
        if (RenewalJson.text(options, "Script").isEmpty() && delete.isPresent()
                && !delete.get().strip().equals(create.get().strip())) {
            context.unmapped("DeleteScript " + delete.get() + ": exacme calls one program for both steps, "
                    + program + " with 'cleanup'; have it remove the record, or call the other from it.");
        }
        var createArguments = optional(options, "CreateScriptArguments").orElse("create {Identifier} {RecordName}"
                + " {Token}");
        var deleteArguments = optional(options, "DeleteScriptArguments").orElse("delete {Identifier} {RecordName}"
                + " {Token}");
        context.unmapped("DNS validation script arguments '" + createArguments + "' and '" + deleteArguments
                + "': exacme calls the script as 'PROGRAM present|cleanup RECORD-NAME VALUE'; change the script to"
                + " take those before the first renewal.");
        var timeout = context.settings().number("Script", "Timeout").filter(seconds -> seconds > 0)
                .map(Duration::ofSeconds).orElse(DNS_SCRIPT_TIMEOUT);
        return dns(new DnsProviderSpec.Script(program, List.of(), timeout), null, context);
    }

    private static Optional<String> optional(JsonNode options, String name) {
        try {
            return RenewalJson.text(options, name);
        } catch (Refusal e) {
            return Optional.empty();
        }
    }

    private static DnsProviderSpec acmeDns(JsonNode options, SourceNames names, RenewalContext context)
            throws Refusal {
        var server = RenewalJson.text(options, "BaseUri").orElseThrow(() -> new Refusal("acme-dns validation names"
                + " no BaseUri (the acme-dns server)."));
        var folder = ServerDirectory.cleanUri(server, true).orElseThrow(() -> new Refusal("acme-dns validation"
                + " BaseUri " + server + " is not a URL."));
        // AcmeDnsClient: acme-dns\CLEANURI inside the server directory (before 2.1.8), else beside it.
        var legacy = context.serverDirectory().resolve("acme-dns").resolve(folder);
        var registrations = Files.isDirectory(legacy) ? legacy : context.dataDirectory().resolve("acme-dns")
                .resolve(folder);
        SecretSource credentials = context.newSecret("acme-dns", "acme-dns registrations for "
                + String.join(", ", names.identifiers()) + " as one JSON object keyed by domain, each with username,"
                + " password, subdomain and fulldomain (lego's and certbot's format); win-acme keeps one DOMAIN.json"
                + " per domain in " + registrations);
        return new DnsProviderSpec.AcmeDns(server, credentials);
    }

    private static ChallengeSpec azure(JsonNode options, RenewalContext context) throws Refusal {
        var subscription = RenewalJson.text(options, "SubscriptionId");
        var resourceGroup = RenewalJson.text(options, "ResourceGroupName");
        if (subscription.isEmpty() || resourceGroup.isEmpty()) {
            throw new Refusal("Azure DNS validation names " + (subscription.isEmpty() ? "no SubscriptionId" : "no"
                    + " ResourceGroupName") + "; win-acme 2.2 searches the subscription for the zone, exacme writes into"
                    + " a zone named by subscription and resource group: add it with 'exacme add --dns azure"
                    + " --azure-subscription ID --azure-resource-group GROUP'.");
        }
        var environment = RenewalJson.text(options, "AzureEnvironment").orElse("AzureCloud");
        var urls = AZURE_CLOUDS.get(environment.toLowerCase(Locale.ROOT));
        if (urls == null) {
            // A URI: an Azure Stack hub's Resource Manager.
            urls = List.of(environment, AzureSettings.LOGIN);
            context.unmapped("AzureEnvironment " + environment + ": taken as the Resource Manager URL; the token"
                    + " endpoint stays " + AzureSettings.LOGIN + ", change it with --azure-login-url if the hub has"
                    + " its own.");
        }
        var managedIdentity = RenewalJson.bool(options, "UseMsi").orElse(false);
        var clientId = RenewalJson.text(options, "ClientId").orElse(null);
        String tenant = null;
        SecretSource secret = null;
        if (!managedIdentity) {
            tenant = RenewalJson.text(options, "TenantId").orElseThrow(() -> new Refusal("Azure DNS validation with a"
                    + " service principal names no TenantId."));
            if (clientId == null) {
                throw new Refusal("Azure DNS validation with a service principal names no ClientId.");
            }
            var stored = ProtectedValue.of(RenewalJson.text(options, "SecretSafe").orElse(null)).orElseThrow(
                    () -> new Refusal("Azure DNS validation with a service principal has no client secret"
                            + " (SecretSafe)."));
            secret = context.secret("azure-client-secret", "Azure client secret of application " + clientId, stored);
        }
        var provider = new DnsProviderSpec.Azure(subscription.get(), resourceGroup.get(), tenant, clientId, secret,
                managedIdentity, urls.get(0), urls.get(1));
        return dns(provider, RenewalJson.text(options, "HostedZone").orElse(null), context);
    }

    private static DnsProviderSpec cloudflare(JsonNode options, RenewalContext context) throws Refusal {
        var stored = ProtectedValue.of(RenewalJson.text(options, "ApiToken").orElse(null)).orElseThrow(
                () -> new Refusal("Cloudflare DNS validation has no ApiToken."));
        return new DnsProviderSpec.Cloudflare(context.secret("cloudflare-token", "Cloudflare API token", stored),
                CloudflareSettings.API);
    }

    private static DnsProviderSpec route53(JsonNode options, RenewalContext context) throws Refusal {
        RenewalJson.text(options, "ARNRole").ifPresent(role -> context.unmapped("Route 53 ARNRole " + role + ": exacme"
                + " does not assume a role; the access key (or the instance's role) itself needs the Route 53"
                + " rights."));
        RenewalJson.text(options, "Region").ifPresent(region -> context.unmapped("Route 53 Region " + region
                + ": not needed, Route 53 is global; exacme calls " + Route53Settings.ENDPOINT + "."));
        var role = RenewalJson.text(options, "IAMRole");
        if (role.isPresent()) {
            context.unmapped("Route 53 IAMRole " + role.get() + ": exacme uses whichever role the EC2 instance has.");
            return new DnsProviderSpec.Route53(null, null, true, Route53Settings.ENDPOINT);
        }
        var keyId = RenewalJson.text(options, "AccessKeyId").orElseThrow(() -> new Refusal("Route 53 DNS validation"
                + " names neither an IAMRole nor an AccessKeyId."));
        var stored = ProtectedValue.of(RenewalJson.text(options, "SecretAccessKeySafe").orElse(null)).orElseThrow(
                () -> new Refusal("Route 53 DNS validation has an AccessKeyId but no secret access key"
                        + " (SecretAccessKeySafe)."));
        return new DnsProviderSpec.Route53(keyId, context.secret("route53-secret-key", "AWS secret access key of "
                + keyId, stored), false, Route53Settings.ENDPOINT);
    }

    private static DnsProviderSpec rfc2136(JsonNode options, RenewalContext context) throws Refusal {
        var host = RenewalJson.text(options, "ServerHost").orElseThrow(() -> new Refusal("RFC 2136 validation names"
                + " no ServerHost."));
        long port = RenewalJson.number(options, "ServerPort").orElse(53L);
        if (port < 1 || port > 65535) {
            throw new Refusal("RFC 2136 ServerPort " + port + " is not a port number (1-65535).");
        }
        var server = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        var keyName = RenewalJson.text(options, "TsigKeyName");
        if (keyName.isEmpty()) {
            context.unmapped("RFC 2136 without TsigKeyName: exacme sends the updates unsigned as well.");
            return new DnsProviderSpec.Rfc2136(server, null, null, null);
        }
        var algorithm = tsigAlgorithm(RenewalJson.text(options, "TsigKeyAlgorithm").orElse(null));
        var stored = ProtectedValue.of(RenewalJson.text(options, "TsigKeySecret").orElse(null)).orElseThrow(
                () -> new Refusal("RFC 2136 validation names the TSIG key " + keyName.get() + " but has no"
                        + " TsigKeySecret."));
        return new DnsProviderSpec.Rfc2136(server, keyName.get(), algorithm, context.secret("tsig-secret",
                "TSIG secret (base64) of key " + keyName.get(), stored));
    }

    /** ARSoft's {@code TSigAlgorithm} names (as win-acme parses them, ignoring case) as exacme's. */
    private static String tsigAlgorithm(String name) throws Refusal {
        var key = name == null ? "md5" : name.trim().toLowerCase(Locale.ROOT).replace("hmac-", "").replace("hmac", "");
        return switch (key) {
            case "sha1" -> "hmac-sha1";
            case "sha224" -> "hmac-sha224";
            case "sha256" -> "hmac-sha256";
            case "sha384" -> "hmac-sha384";
            case "sha512" -> "hmac-sha512";
            case "md5" -> throw new Refusal("RFC 2136 validation signs with HMAC-MD5" + (name == null ? " (win-acme's"
                    + " default when TsigKeyAlgorithm is not set)" : "") + "; exacme signs with HMAC-SHA1 or SHA-2:"
                    + " create an hmac-sha256 key on the DNS server.");
            default -> throw new Refusal("RFC 2136 TsigKeyAlgorithm '" + name + "' is not one exacme knows"
                    + " (sha1, sha224, sha256, sha384, sha512).");
        };
    }
}
