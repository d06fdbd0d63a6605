package dev.exacme.cli.certificate;

import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.GracePeriod;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import dev.exacme.lifecycle.spec.SecretSource;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A specification as the {@code exacme issue} options that stand for it, every resolved default
 * written out: what {@code exacme show} prints and what {@code exacme edit} changes. Parsing
 * them with {@link CertificateOptions} gives the same specification back.
 */
public final class SpecArguments {

    private final List<String> arguments = new ArrayList<>();

    private SpecArguments() {
    }

    /** The options for {@code spec}. */
    public static List<String> of(CertificateSpec spec) {
        var built = new SpecArguments();
        built.write(spec);
        return List.copyOf(built.arguments);
    }

    /**
     * The options for {@code spec} as one line to paste: values with spaces or quotes quoted as
     * this machine's shell reads them (PowerShell on Windows, a POSIX shell elsewhere).
     */
    public static String commandLine(CertificateSpec spec) {
        var windows = System.getProperty("os.name", "").startsWith("Windows");
        return String.join(" ", of(spec).stream().map(argument -> quoted(argument, windows)).toList());
    }

    static String quoted(String argument, boolean windows) {
        // PowerShell reads a,b as an array and {..} as a script block; sh expands {a,b}.
        if (!argument.isEmpty() && argument.matches(windows ? "[A-Za-z0-9_./:=%+\\\\-]+" : "[A-Za-z0-9_./:,=@%+-]+")) {
            return argument;
        }
        // Single quotes take everything literally in both shells; only the quote itself differs.
        return "'" + argument.replace("'", windows ? "''" : "'\\''") + "'";
    }

    private void write(CertificateSpec spec) {
        spec.identifiers().forEach(name -> option("--domain", name));
        var ca = spec.ca();
        option("--server", ca.directory());
        ca.trust().forEach(file -> option("--trust", file));
        ca.account().emails().forEach(email -> option("--email", email));
        flag("--agree-tos", ca.account().agreeTos());
        option("--eab-kid", ca.account().eabKeyId());
        secret("--eab-hmac-key-file", ca.account().eabHmacKey());
        option("--profile", ca.profile());
        option("--preferred-chain", ca.preferredChain());
        challenge(spec.challenge());
        option("--key-type", spec.key().type());
        flag("--reuse-key", spec.key().reuse());
        option("--friendly-name", spec.friendlyName());
        store(spec.store());
        var powershell = false;
        for (var deployment : spec.deployments()) {
            option("--deploy", deployment.target());
            if (deployment instanceof DeploymentSpec.Exchange exchange) {
                if (!exchange.servers().isEmpty()) {
                    option("--exchange-server", String.join(",", exchange.servers()));
                }
                flag("--all-servers", exchange.allServers());
                option("--exchange-uri", exchange.uri());
                option("--services", String.join(",", exchange.services()));
                flag("--replace-default-smtp", exchange.replaceDefaultSmtp());
                flag("--include-backend", exchange.includeBackEnd());
                option("--sni-site", exchange.sniSite());
                flag("--restart-services", exchange.restartServices());
                if (!powershell) {
                    powershell(exchange.powershellTimeout(), exchange.keepOld());
                    powershell = true;
                }
            } else if (deployment instanceof DeploymentSpec.Iis iis) {
                iis.sites().forEach(site -> option("--iis-site", site));
                flag("--iis-sni", iis.sni());
                option("--iis-port", String.valueOf(iis.port()));
                if (!powershell) {
                    powershell(iis.powershellTimeout(), iis.keepOld());
                    powershell = true;
                }
            } else if (deployment instanceof DeploymentSpec.Script script) {
                option("--deploy-script", script.program());
                script.arguments().forEach(argument -> option("--deploy-script-arg", argument));
                option("--deploy-script-timeout", duration(script.timeout()));
            }
        }
        option("--timeout", duration(spec.timeout()));
    }

    /** The PowerShell options Exchange and IIS share, written once (the first target's). */
    private void powershell(Duration timeout, GracePeriod keepOld) {
        option("--powershell-timeout", duration(timeout));
        // A share of the lifetime is what --keep-old left out gives; only a fixed period is an option.
        if (keepOld instanceof GracePeriod.Fixed fixed) {
            option("--keep-old", duration(fixed.duration()));
        }
    }

    private void challenge(ChallengeSpec challenge) {
        if (challenge instanceof ChallengeSpec.Http01Listener listener) {
            option("--http-port", String.valueOf(listener.port()));
            listener.bind().forEach(address -> option("--http-bind", address));
            flag("--skip-self-check", !listener.selfCheck());
        } else if (challenge instanceof ChallengeSpec.Webroot webroot) {
            option("--webroot", webroot.directory());
            flag("--skip-self-check", !webroot.selfCheck());
        } else if (challenge instanceof ChallengeSpec.IisWebroot iis) {
            option("--webroot", iis.site() == null ? "iis" : "iis:" + iis.site());
            option("--iis-config", iis.configuration());
            flag("--skip-self-check", !iis.selfCheck());
        } else if (challenge instanceof ChallengeSpec.Dns01 dns) {
            option("--dns", dns.provider().id());
            option("--dns-zone", dns.zone());
            dns.resolvers().forEach(resolver -> option("--dns-resolver", resolver));
            option("--dns-propagation-timeout", duration(dns.propagationTimeout()));
            provider(dns.provider());
        }
    }

    private void provider(DnsProviderSpec provider) {
        if (provider instanceof DnsProviderSpec.Rfc2136 rfc2136) {
            option("--rfc2136-server", rfc2136.server());
            option("--rfc2136-tsig-key", rfc2136.tsigKey());
            option("--rfc2136-tsig-algorithm", rfc2136.tsigAlgorithm());
            secret("--rfc2136-tsig-secret-file", rfc2136.tsigSecret());
        } else if (provider instanceof DnsProviderSpec.Cloudflare cloudflare) {
            secret("--cloudflare-token-file", cloudflare.token());
            option("--cloudflare-api-url", cloudflare.apiUrl());
        } else if (provider instanceof DnsProviderSpec.Azure azure) {
            option("--azure-subscription", azure.subscription());
            option("--azure-resource-group", azure.resourceGroup());
            option("--azure-tenant", azure.tenant());
            option("--azure-client-id", azure.clientId());
            secret("--azure-client-secret-file", azure.clientSecret());
            flag("--azure-managed-identity", azure.managedIdentity());
            option("--azure-management-url", azure.managementUrl());
            option("--azure-login-url", azure.loginUrl());
        } else if (provider instanceof DnsProviderSpec.Route53 route53) {
            option("--route53-access-key-id", route53.accessKeyId());
            secret("--route53-secret-key-file", route53.secretKey());
            flag("--route53-instance-role", route53.instanceRole());
            option("--route53-endpoint", route53.endpoint());
        } else if (provider instanceof DnsProviderSpec.AcmeDns acmeDns) {
            option("--acme-dns-server", acmeDns.server());
            secret("--acme-dns-credentials-file", acmeDns.credentials());
        } else if (provider instanceof DnsProviderSpec.Script script) {
            option("--dns-script", script.program());
            script.arguments().forEach(argument -> option("--dns-script-arg", argument));
            option("--dns-script-timeout", duration(script.timeout()));
        } else if (provider instanceof DnsProviderSpec.Windows windows) {
            option("--windows-dns-server", windows.server());
            option("--windows-dns-powershell", windows.powershell());
            option("--windows-dns-timeout", duration(windows.timeout()));
        }
    }

    private void store(StoreSpec store) {
        if (store instanceof StoreSpec.Pem pem) {
            option("--store", "pem");
            option("--out", pem.directory());
            option("--key-group", pem.keyGroup());
        } else if (store instanceof StoreSpec.Pfx pfx) {
            option("--store", "pfx");
            option("--pfx-file", pfx.file());
            secret("--pfx-password-file", pfx.password());
            flag("--pfx-legacy", pfx.legacy());
            option("--key-group", pfx.keyGroup());
        } else if (store instanceof StoreSpec.Keystore keystore) {
            option("--store", "keystore");
            option("--keystore-file", keystore.file());
            option("--keystore-type", keystore.keystoreType().toLowerCase(java.util.Locale.ROOT));
            option("--keystore-alias", keystore.alias());
            secret("--keystore-password-file", keystore.password());
            option("--key-group", keystore.keyGroup());
        } else if (store instanceof StoreSpec.WindowsMachine windows) {
            option("--store", "windows");
            flag("--cng", windows.cng());
            flag("--exportable", windows.exportable());
            windows.aclRead().forEach(account -> option("--acl-read", account));
            windows.aclFull().forEach(account -> option("--acl-full", account));
        }
    }

    private void secret(String name, SecretSource source) {
        if (source != null) {
            option(name, source.reference());
        }
    }

    private void option(String name, String value) {
        if (value == null) {
            return;
        }
        // A value that looks like an option ('-Force', '--timeout') is attached, so that it is read as the value.
        if (value.startsWith("-")) {
            arguments.add(name + "=" + value);
        } else {
            arguments.add(name);
            arguments.add(value);
        }
    }

    private void flag(String name, boolean set) {
        if (set) {
            arguments.add(name);
        }
    }

    private static String duration(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        var seconds = duration.toSeconds();
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
