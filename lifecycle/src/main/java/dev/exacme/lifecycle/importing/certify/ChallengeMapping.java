package dev.exacme.lifecycle.importing.certify;

import dev.exacme.acme.dns.cloudflare.CloudflareSettings;
import dev.exacme.acme.dns.route53.Route53Settings;
import dev.exacme.lifecycle.importing.certify.ManagedItem.ChallengeConfig;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Certify's challenge settings as exacme's one challenge per certificate. Certify picks a
 * configuration per name (GetChallengeConfig, ported below with its quirks); when every name gets
 * the same one (or equal ones), that is the certificate's challenge, otherwise the certificate is
 * refused, since exacme proves all its names one way.
 */
final class ChallengeMapping {

    /** {@code exacme add}'s {@code --dns-propagation-timeout} default. */
    static final Duration PROPAGATION_TIMEOUT = Duration.ofMinutes(5);

    /** {@code exacme add}'s {@code --dns-script-timeout} default. */
    static final Duration DNS_SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    /** The acme-dns API Certify's provider uses when none is given (DnsProviderAcmeDns). */
    static final String ACME_DNS_DEFAULT = "https://auth.acme-dns.io";

    private final ManagedItem item;
    private final String name;
    private final List<String> names;
    private final Notes notes;

    /**
     * @param name  the managed certificate's name in exacme
     * @param names the names as Certify has them
     */
    ChallengeMapping(ManagedItem item, String name, List<String> names, Notes notes) {
        this.item = item;
        this.name = name;
        this.names = names;
        this.notes = notes;
    }

    /** The challenge, or why there is none. */
    ChallengeSpec challenge() throws Refused {
        var config = single();
        return switch (config.type()) {
            case "http-01" -> http(config);
            case "dns-01" -> dns(config);
            default -> throw new Refused("it validates with " + config.type() + ", which exacme does not do (it does"
                    + " http-01 and dns-01).");
        };
    }

    /** The one configuration every name gets. */
    private ChallengeConfig single() throws Refused {
        var groups = new LinkedHashMap<String, List<String>>();
        var configs = new LinkedHashMap<String, ChallengeConfig>();
        for (var identifier : names) {
            var config = configFor(identifier);
            groups.computeIfAbsent(config.identity(), key -> new ArrayList<>()).add(identifier);
            configs.putIfAbsent(config.identity(), config);
        }
        if (configs.size() == 1) {
            return configs.values().iterator().next();
        }
        var ways = new ArrayList<String>();
        groups.forEach((identity, group) -> ways.add(String.join(", ", group) + " through "
                + describe(configs.get(identity))));
        throw new Refused("Certify proves its names in different ways (" + String.join("; ", ways) + "), and exacme"
                + " proves all names of a certificate one way: import it as one certificate per way, e.g. with"
                + " 'exacme add'.");
    }

    /** Certify's ManagedCertificate.GetChallengeConfig for one identifier. */
    ChallengeConfig configFor(String identifier) {
        var request = item.requestConfig();
        var challenges = request.challenges();
        if (challenges.isEmpty()) {
            return new ChallengeConfig(request.challengeType(), null, null, null, null, null, null, List.of());
        }
        if (challenges.size() == 1) {
            return challenges.get(0);
        }
        var unrestricted = challenges.stream().filter(c -> ManagedItem.present(c.domainMatch()).isEmpty()).findFirst();
        var perDomain = new LinkedHashMap<String, ChallengeConfig>();
        for (var config : challenges) {
            var match = ManagedItem.present(config.domainMatch());
            if (match.isEmpty()) {
                continue;
            }
            var list = match.get().replace(',', ';');
            if (!list.contains(";")) {
                // Certify does not lower-case a single entry, only the entries of a list.
                perDomain.putIfAbsent(list.strip(), config);
            } else {
                for (var domain : list.split(";")) {
                    if (!domain.isBlank()) {
                        perDomain.putIfAbsent(domain.strip().toLowerCase(Locale.ROOT), config);
                    }
                }
            }
        }
        var key = identifier.toLowerCase(Locale.ROOT);
        if (perDomain.containsKey(key)) {
            return perDomain.get(key);
        }
        if (perDomain.containsKey("*." + key)) {
            return perDomain.get("*." + key);
        }
        var longestFirst = perDomain.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (var wildcard : longestFirst) {
            if (wildcard.toLowerCase(Locale.ROOT).startsWith("*.") && wildcardMatch(wildcard, identifier)) {
                return perDomain.get(wildcard);
            }
        }
        for (var domain : longestFirst) {
            if (domain.toLowerCase(Locale.ROOT).endsWith(key)) {
                return perDomain.get(domain);
            }
        }
        return unrestricted.orElseGet(() -> new ChallengeConfig(request.challengeType(), null, null, null, null, null,
                null, List.of()));
    }

    /** Certify's IsDomainOrWildcardMatch for one wildcard, without matching the bare domain. */
    private static boolean wildcardMatch(String wildcard, String hostname) {
        var host = hostname.toLowerCase(Locale.ROOT);
        if (wildcard.equalsIgnoreCase(host)) {
            return true;
        }
        var domain = wildcard.toLowerCase(Locale.ROOT).replace("*.", "");
        return host.endsWith("." + domain) && dots(host) == dots(domain) + 1;
    }

    private static long dots(String text) {
        return text.chars().filter(c -> c == '.').count();
    }

    private ChallengeSpec http(ChallengeConfig config) throws Refused {
        var wildcards = names.stream().filter(n -> n.startsWith("*")).toList();
        if (!wildcards.isEmpty()) {
            throw new Refused(String.join(", ", wildcards) + " with http-01: a CA validates wildcard names through"
                    + " DNS only (Certify's order fails too); give it a DNS provider ('exacme add ... --dns PROVIDER').");
        }
        var request = item.requestConfig();
        var installation = notes.installation();
        var selfCheck = request.selfCheck();
        installation.problem("appsettings.json").ifPresent(problem -> notes.unmapped(problem
                + ": Certify's HTTP challenge server is taken to be on, its default."));
        if (installation.enableHttpChallengeServer()) {
            installation.problem("serviceconfig.json").ifPresent(problem -> notes.unmapped(problem
                    + ": its HTTP challenge server is taken to listen on port 80, its default."));
            if (request.performChallengeFileCopy() == null || request.performChallengeFileCopy()) {
                notes.unmapped("http-01: Certify answers through its own http.sys listener on port "
                        + installation.httpChallengePort() + " and also writes the answer into the IIS site's"
                        + " folder (PerformChallengeFileCopy); exacme answers through its listener only (on Windows"
                        + " through http.sys beside IIS). To write into the site's folder instead: exacme edit "
                        + name + " --webroot iis:SITE.");
            }
            return new ChallengeSpec.Http01Listener(installation.httpChallengePort(), List.of(), selfCheck);
        }
        var folder = ManagedItem.present(config.challengeRootPath()).or(() -> ManagedItem.present(request.websiteRootPath()));
        if (folder.isPresent()) {
            return new ChallengeSpec.Webroot(folder.get(), selfCheck);
        }
        if (item.siteId().isPresent()) {
            return new ChallengeSpec.IisWebroot(item.siteId().get(), null, selfCheck);
        }
        notes.unmapped("http-01: Certify's HTTP challenge server is off (appsettings.json) and the item names no"
                + " site or folder to write the answer into; exacme listens on port 80 instead.");
        return new ChallengeSpec.Http01Listener(80, List.of(), selfCheck);
    }

    private ChallengeSpec dns(ChallengeConfig config) throws Refused {
        var provider = ManagedItem.present(config.challengeProvider())
                .orElseThrow(() -> new Refused("it validates with dns-01 but names no DNS provider."));
        var zoneId = config.parameter("zoneid").or(() -> ManagedItem.present(config.zoneId()));
        var delay = config.parameter("propagationdelay").flatMap(ChallengeMapping::seconds);
        var timeout = delay.filter(d -> d.compareTo(PROPAGATION_TIMEOUT) > 0).orElse(PROPAGATION_TIMEOUT);
        delay.ifPresent(d -> notes.unmapped("dns-01: Certify waits a fixed " + d.toSeconds() + " s after writing the"
                + " record (propagationdelay); exacme asks every authoritative server until each serves the record,"
                + " for at most " + timeout.toMinutes() + " min."));
        ManagedItem.present(config.challengeDelegationRule()).ifPresent(rule -> notes.unmapped("dns-01: Certify's"
                + " delegation rule '" + rule + "' is not taken over: exacme follows the _acme-challenge CNAME of each"
                + " name itself, so the delegated zone works once that CNAME exists."));
        DnsProviderSpec spec;
        switch (provider.toLowerCase(Locale.ROOT)) {
            case "dns01.api.cloudflare" -> {
                spec = new DnsProviderSpec.Cloudflare(credential(config, provider, "Cloudflare API token (permissions"
                        + " Zone:Read and DNS:Edit; if the credential is an e-mail address and Global API Key, create a"
                        + " token instead: exacme uses tokens only)"), CloudflareSettings.API);
                zoneId.ifPresent(id -> notes.unmapped("dns-01: Cloudflare zone id " + id + " is not taken over:"
                        + " exacme finds the zone by name (from the SOA, or exacme edit " + name + " --dns-zone"
                        + " ZONE)."));
            }
            case "dns01.api.route53" -> {
                spec = new DnsProviderSpec.Route53(null, credential(config, provider, "AWS secret access key"), false,
                        Route53Settings.ENDPOINT);
                notes.unmapped("dns-01: the AWS access key id is inside Certify's protected credential too: give it"
                        + " with exacme edit " + name + " --route53-access-key-id ID (until then exacme takes"
                        + " AWS_ACCESS_KEY_ID of the run, which a scheduled run does not have).");
                zoneId.ifPresent(id -> notes.unmapped("dns-01: Route 53 hosted zone id " + id + " is not taken over:"
                        + " exacme finds the hosted zone by name."));
            }
            case "dns01.api.acmedns" -> {
                var api = config.parameter("api").orElse(ACME_DNS_DEFAULT);
                var secretName = "certify-acme-dns-" + name.toLowerCase(Locale.ROOT);
                var inline = config.parameter("credentials_json").isPresent();
                spec = new DnsProviderSpec.AcmeDns(api, notes.secret(secretName.length() > 64
                        ? secretName.substring(0, 64) : secretName, "acme-dns registrations of " + String.join(", ",
                        names) + " as one JSON object {\"NAME\": {\"username\", \"password\", \"subdomain\","
                        + " \"fulldomain\"}} (lego's and certbot's format); Certify keeps them "
                        + (inline ? "in this item's credentials_json setting" : "in %ProgramData%\\certify\\acmedns\\"
                        + "*.json, one file per name")));
                config.parameter("allowfrom").ifPresent(from -> notes.unmapped("dns-01: acme-dns allowfrom " + from
                        + " belongs to the existing registrations, which exacme reuses as they are."));
            }
            case "dns01.manual" -> {
                spec = new DnsProviderSpec.Manual();
                notes.unmapped("dns-01: manual DNS, as in Certify: every renewal waits for a person to create the"
                        + " TXT record, so only an interactive 'exacme renew' can renew it, not the schedule.");
            }
            case "dns01.scripting" -> {
                var create = config.parameter("createscriptpath").orElseThrow(() -> new Refused("its DNS script"
                        + " provider names no create script (createscriptpath)."));
                spec = new DnsProviderSpec.Script(create, List.of(), DNS_SCRIPT_TIMEOUT);
                notes.unmapped("dns-01: Certify runs " + create + " as SCRIPT DOMAIN RECORD VALUE ZONEID"
                        + config.parameter("deletescriptpath").map(d -> " and " + d + " to remove it").orElse("")
                        + "; exacme runs one program as PROGRAM present|cleanup RECORD VALUE: adapt the script (or"
                        + " wrap both) before the first renewal.");
            }
            case "dns01.api.azure" -> throw new Refused("Azure DNS: the tenant, client id, subscription and resource"
                    + " group are inside Certify's DPAPI-protected credential" + credentialName(config) + ", which"
                    + " exacme does not read; add it with 'exacme add " + name + " -d ... --dns azure"
                    + " --azure-subscription ID --azure-resource-group NAME --azure-tenant ID --azure-client-id ID"
                    + " --azure-client-secret-file secret:NAME'" + zoneId.map(z -> " --dns-zone " + z).orElse("")
                    + ".");
            case "dns01.api.poshacme.rfc2136" -> {
                var server = config.parameter("DDNSNameserver").orElse("SERVER")
                        + config.parameter("DDNSPort").map(p -> ":" + p).orElse("");
                throw new Refused("RFC 2136 (Posh-ACME): the TSIG key name and secret are inside Certify's"
                        + " DPAPI-protected credential" + credentialName(config) + ", which exacme does not read; add"
                        + " it with 'exacme add " + name + " -d ... --dns rfc2136 --rfc2136-server " + server
                        + " --rfc2136-tsig-key KEYNAME --rfc2136-tsig-algorithm "
                        + config.parameter("DDNSKeyType").orElse("hmac-sha256")
                        + " --rfc2136-tsig-secret-file secret:NAME'"
                        + config.parameter("DDNSZone").map(z -> " --dns-zone " + z).orElse("") + ".");
            }
            case "dns01.api.msdns" -> throw new Refused("Windows DNS Server through PowerShell (DNS01.API.MSDNS): exacme"
                    + " has no such provider; a zone that allows non-secure dynamic updates works with --dns rfc2136"
                    + " --rfc2136-server HOST (without a TSIG key), else delegate _acme-challenge to acme-dns.");
            default -> throw new Refused("exacme has no DNS provider for Certify's '" + provider + "' ('exacme dns"
                    + " providers' lists those it has: rfc2136, cloudflare, azure, route53, acme-dns, script, manual);"
                    + " a CNAME of _acme-challenge to an acme-dns server works with any DNS host.");
        }
        return new ChallengeSpec.Dns01(spec, null, List.of(), timeout);
    }

    /** The secret for the item's stored credential; refused when it names none. */
    private dev.exacme.lifecycle.spec.SecretSource credential(ChallengeConfig config, String provider, String what)
            throws Refused {
        var key = ManagedItem.present(config.challengeCredentialKey()).orElseThrow(() -> new Refused(provider
                + " without a stored credential (ChallengeCredentialKey): Certify cannot use it either."));
        return notes.credential(key, what);
    }

    private String credentialName(ChallengeConfig config) {
        return ManagedItem.present(config.challengeCredentialKey()).map(key -> {
            var credential = notes.installation().credentials().get(key);
            return credential != null && !credential.title().isBlank() ? " '" + credential.title() + "' (" + key + ")"
                    : " " + key;
        }).orElse("");
    }

    private static String describe(ChallengeConfig config) {
        return config.type() + ManagedItem.present(config.challengeProvider()).map(p -> " " + p).orElse("")
                + ManagedItem.present(config.challengeCredentialKey()).map(k -> " (credential " + k + ")").orElse("");
    }

    private static Optional<Duration> seconds(String text) {
        try {
            var value = Integer.parseInt(text.strip());
            return value > 0 ? Optional.of(Duration.ofSeconds(value)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
