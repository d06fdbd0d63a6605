package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The installation plugins ({@code InstallationPluginOptions}, a list, run in order) as exacme
 * deployments: IIS bindings to the {@code iis} target, a script to the {@code script} target
 * with its placeholders translated, and win-acme's Exchange script
 * ({@code ImportExchange.v2.ps1}) to the {@code exchange} target, which does what the script
 * did and verifies it.
 *
 * <p>A step exacme cannot carry out refuses the whole certificate: imported without it, the
 * service would stay on the old certificate until it expired, and nobody would be told. A step
 * whose settings need checking is mapped and reported, so that a wrong guess fails loudly at the
 * first deployment instead.
 */
final class InstallationMapping {

    /** Exchange scripts win-acme ships; both take the same parameters. */
    private static final List<String> EXCHANGE_SCRIPTS = List.of("importexchange.v2.ps1", "importexchange.ps1");

    /** {@code ImportExchange(.v2).ps1} parameters by position ({@code Position=3} is unused). */
    private static final List<String> EXCHANGE_PARAMETERS = List.of("newcertthumbprint", "exchangeservices",
            "leaveoldexchangecerts", "cachefile", "pfxpassword", "friendlyname");

    private InstallationMapping() {
    }

    /** Whether a step needs the certificate in the Windows machine store (IIS, Exchange). */
    static boolean needsWindowsStore(List<JsonNode> installations) {
        for (var options : installations) {
            var plugin = plugin(options);
            if (plugin.filter(p -> p == WinAcmePlugin.INSTALL_IIS || p == WinAcmePlugin.INSTALL_IIS_FTP).isPresent()) {
                return true;
            }
            if (plugin.filter(p -> p == WinAcmePlugin.INSTALL_SCRIPT).isPresent()) {
                try {
                    if (RenewalJson.text(options, "Script").filter(InstallationMapping::exchangeScript).isPresent()) {
                        return true;
                    }
                } catch (Refusal e) {
                    // Refused when mapped.
                }
            }
        }
        return false;
    }

    private static Optional<WinAcmePlugin> plugin(JsonNode options) {
        try {
            return WinAcmePlugin.of(WinAcmePlugin.Step.INSTALLATION, RenewalJson.text(options, "Plugin")
                    .orElse(null));
        } catch (Refusal e) {
            return Optional.empty();
        }
    }

    /**
     * The deployments, in win-acme's order.
     *
     * @throws Refusal for a step exacme cannot carry out
     */
    static List<DeploymentSpec> deployments(List<JsonNode> installations, StoreMapping.ChosenStore store,
                                            SourceNames names, RenewalContext context) throws Refusal {
        var exchangeBindsIis = false;
        for (var options : installations) {
            if (plugin(options).filter(p -> p == WinAcmePlugin.INSTALL_SCRIPT).isPresent()) {
                var call = exchangeCall(options);
                exchangeBindsIis |= call.filter(c -> c.services().contains("IIS")).isPresent();
            }
        }
        var deployments = new ArrayList<DeploymentSpec>();
        for (var options : installations) {
            var guid = RenewalJson.text(options, "Plugin").orElse(null);
            var plugin = WinAcmePlugin.of(WinAcmePlugin.Step.INSTALLATION, guid).orElseThrow(() -> new Refusal(
                    "the installation plugin " + guid + " is not one of win-acme's or simple-acme's (a third-party"
                            + " plugin?); exacme cannot do what it did."));
            switch (plugin) {
                case INSTALL_IIS -> iis(options, names, exchangeBindsIis, context).ifPresent(deployments::add);
                case INSTALL_SCRIPT -> deployments.add(script(options, store, context));
                case INSTALL_NONE -> {
                }
                case INSTALL_IIS_FTP -> throw new Refusal("installation binds IIS FTP sites; exacme binds web sites"
                        + " only, and the FTP site would keep the old certificate.");
                default -> throw new Refusal("the installation plugin is " + plugin.description() + ", not an"
                        + " installation.");
            }
        }
        return deployments;
    }

    private static Optional<DeploymentSpec> iis(JsonNode options, SourceNames names, boolean exchangeBindsIis,
                                                RenewalContext context) throws Refusal {
        // IIS.Install: the source's sites, else the installation SiteId ("part.SiteId ??= installationSite?.Id").
        var siteIds = new ArrayList<>(names.siteIds());
        var installationSite = RenewalJson.number(options, "SiteId");
        if (siteIds.isEmpty()) {
            installationSite.ifPresent(siteIds::add);
        }
        if (siteIds.isEmpty()) {
            throw new Refusal("the IIS installation names no site: win-acme rebinds wherever the previous"
                    + " certificate is bound, exacme binds the sites it is given; add the deployment with"
                    + " '--deploy iis --iis-site NAME'.");
        }
        long port = RenewalJson.number(options, "NewBindingPort").orElse(443L);
        if (port < 1 || port > 65535) {
            throw new Refusal("IIS installation NewBindingPort " + port + " is not a port number (1-65535).");
        }
        if (exchangeBindsIis && port == 443 && siteIds.equals(List.of(1L))) {
            // win-acme's Exchange example has both steps; Enable-ExchangeCertificate -Services IIS binds site 1.
            context.unmapped("IIS installation of site 1 on 443: the Exchange deployment's IIS service binds"
                    + " Default Web Site (site 1) itself, so no IIS deployment is added beside it.");
            return Optional.empty();
        }
        var sites = new ArrayList<String>();
        for (var id : siteIds) {
            sites.add(siteName(id, context));
        }
        RenewalJson.text(options, "NewBindingIp").filter(ip -> !ip.trim().equals("*")).ifPresent(ip ->
                context.unmapped("IIS NewBindingIp " + ip + ": exacme creates new bindings on every address (*);"
                        + " bindings that exist keep their address."));
        context.unmapped("IIS installation: win-acme also moved https bindings of any other site that used the"
                + " previous certificate; exacme rebinds the sites named (" + String.join(", ", sites) + ") on port "
                + port + " and leaves other sites alone.");
        return Optional.of(new DeploymentSpec.Iis(sites, true, (int) port, context.defaults().powershellTimeout(),
                context.defaults().keepOld()));
    }

    /** The site's name as IIS Manager shows it, from applicationHost.config; its id when that cannot be read. */
    private static String siteName(long id, RenewalContext context) {
        var site = context.iis().flatMap(iis -> iis.sites().stream().filter(s -> s.id() == id).findFirst());
        if (site.isPresent() && !site.get().name().isBlank()) {
            return site.get().name();
        }
        context.unmapped("IIS site " + id + ": win-acme keeps the site's id, exacme names sites; "
                + (context.iis().isPresent() ? "applicationHost.config has no site " + id
                : "applicationHost.config could not be read here") + ", so the definition names the site '" + id
                + "': check it, and give the name IIS Manager shows with 'exacme edit --iis-site NAME'.");
        return String.valueOf(id);
    }

    private static DeploymentSpec script(JsonNode options, StoreMapping.ChosenStore store, RenewalContext context)
            throws Refusal {
        var written = RenewalJson.text(options, "Script").orElseThrow(() -> new Refusal("the script installation"
                + " names no Script (win-acme fails that step too)."));
        var program = WinAcmePaths.expanded(WinAcmePaths.unquoted(written, "installation script", context),
                "installation script", context);
        var parameters = RenewalJson.text(options, "ScriptParameters").orElse("");
        var dialect = ScriptArguments.Dialect.of(program);
        var split = ScriptArguments.split(parameters, dialect);
        if (exchangeScript(program)) {
            var call = exchangeCall(options);
            if (call.isPresent()) {
                return exchange(program, call.get(), context);
            }
            context.unmapped("installation script " + program + " does not pass {CertThumbprint} and the services"
                    + " the way win-acme documents it; it stays a script rather than exacme's Exchange deployment.");
        }
        for (var problem : split.problems()) {
            context.unmapped("ScriptParameters of " + program + ": " + problem + "; exacme passes each argument as"
                    + " text" + (dialect == ScriptArguments.Dialect.POWERSHELL ? " (powershell -File)" : "") + ".");
        }
        var arguments = new ArrayList<String>();
        for (var argument : split.arguments()) {
            arguments.add(Placeholders.translate(argument, store, context));
        }
        if (WinAcmePaths.relative(program)) {
            context.unmapped("installation script " + program + " is relative to win-acme's program folder, where"
                    + " its scheduled task starts; give exacme the full path with 'exacme edit'.");
        }
        context.unmapped("installation script " + program + ": exacme passes " + (arguments.isEmpty()
                ? String.join(" ", DeploymentSpec.Script.DEFAULT_ARGUMENTS) + " (its arguments for a script configured"
                + " without any)" : "these arguments") + " and the EXACME_* variables; check that the script accepts"
                + " them.");
        var timeout = scriptTimeout(context);
        return new DeploymentSpec.Script(program, arguments, timeout);
    }

    private static Duration scriptTimeout(RenewalContext context) throws Refusal {
        var seconds = context.settings().number("Script", "Timeout");
        if (seconds.isEmpty() || seconds.get() <= 0) {
            return context.defaults().scriptTimeout();
        }
        var timeout = Duration.ofSeconds(seconds.get());
        if (timeout.compareTo(DeploymentSpec.Script.LONGEST) > 0) {
            context.unmapped("Script.Timeout " + seconds.get() + " s: exacme stops a deployment script after at most"
                    + " 1h, and so does this definition.");
            return DeploymentSpec.Script.LONGEST;
        }
        return timeout;
    }

    private static boolean exchangeScript(String program) {
        var name = program.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return EXCHANGE_SCRIPTS.contains(name);
    }

    /**
     * A call of win-acme's Exchange script as its parameters bind.
     *
     * @param services  {@code ExchangeServices}, split at commas, upper case
     * @param leaveOld  {@code LeaveOldExchangeCerts} as written ({@code 1} when absent)
     * @param cacheFile whether {@code CacheFile} is given
     */
    record ExchangeCall(List<String> services, String leaveOld, boolean cacheFile) {
        /** Copies the list. */
        ExchangeCall {
            services = List.copyOf(services);
        }
    }

    /**
     * The Exchange script's call, when the step runs it in the documented form (the thumbprint
     * placeholder first, then the services), bound as PowerShell binds named and positional
     * parameters; empty for any other script, or a call that does not follow that form.
     */
    static Optional<ExchangeCall> exchangeCall(JsonNode options) {
        String program;
        String parameters;
        try {
            program = RenewalJson.text(options, "Script").orElse("").strip().replace("\"", "");
            parameters = RenewalJson.text(options, "ScriptParameters").orElse("");
        } catch (Refusal e) {
            return Optional.empty();
        }
        if (!exchangeScript(program)) {
            return Optional.empty();
        }
        var arguments = ScriptArguments.split(parameters, ScriptArguments.Dialect.POWERSHELL).arguments();
        var bound = new HashMap<String, String>();
        var positional = new ArrayList<String>();
        for (int i = 0; i < arguments.size(); i++) {
            var argument = arguments.get(i);
            if (argument.startsWith("-") && argument.length() > 1 && !argument.matches("-\\d+")) {
                var name = argument.substring(1);
                var colon = name.indexOf(':');
                var parameter = (colon < 0 ? name : name.substring(0, colon)).toLowerCase(Locale.ROOT);
                if (parameter.equals("debugon")) {
                    continue;
                }
                if (!EXCHANGE_PARAMETERS.contains(parameter)) {
                    return Optional.empty();
                }
                if (colon >= 0) {
                    bound.put(parameter, name.substring(colon + 1));
                } else if (i + 1 < arguments.size()) {
                    bound.put(parameter, arguments.get(++i));
                }
                continue;
            }
            positional.add(argument);
        }
        var free = new ArrayList<>(EXCHANGE_PARAMETERS);
        free.removeAll(bound.keySet());
        for (int i = 0; i < positional.size() && i < free.size(); i++) {
            bound.put(free.get(i), positional.get(i));
        }
        var thumbprint = bound.getOrDefault("newcertthumbprint", "");
        var services = bound.get("exchangeservices");
        if (!(thumbprint.equals("{CertThumbprint}") || thumbprint.equals("{5}")) || services == null
                || services.isBlank()) {
            return Optional.empty();
        }
        var list = Arrays.stream(services.split(",")).map(String::trim).filter(service -> !service.isEmpty())
                .map(service -> service.toUpperCase(Locale.ROOT)).toList();
        return Optional.of(new ExchangeCall(list, bound.getOrDefault("leaveoldexchangecerts", "1").trim(),
                bound.containsKey("cachefile")));
    }

    /**
     * {@code ImportExchange(.v2).ps1} as exacme's Exchange deployment: its
     * {@code Enable-ExchangeCertificate -Services S -Force} enables the services and, with SMTP,
     * replaces the default SMTP certificate without asking, on this server.
     */
    private static DeploymentSpec exchange(String program, ExchangeCall call, RenewalContext context) {
        var smtp = call.services().contains("SMTP");
        context.unmapped("installation script " + program + " (win-acme's Exchange script) becomes exacme's Exchange"
                + " deployment of " + String.join(",", call.services()) + " on this server, verified on the wire and"
                + " rolled back when not served; the script is no longer run.");
        if (smtp) {
            context.unmapped("Exchange SMTP: the script's Enable-ExchangeCertificate -Force replaced the default SMTP"
                    + " certificate, and so does this definition (replaceDefaultSmtp); for hybrid Exchange, turn it"
                    + " off.");
        }
        if (call.services().contains("IMAP") || call.services().contains("POP")) {
            context.unmapped("Exchange IMAP/POP: the script did not restart them, and neither does this definition;"
                    + " they present the new certificate after their next restart (--restart-services to do it).");
        }
        if (!call.leaveOld().equals("1")) {
            context.unmapped("LeaveOldExchangeCerts " + call.leaveOld() + ": the script removed the older Exchange"
                    + " certificates for the same name at once; exacme removes those it superseded once unused, "
                    + context.defaults().keepOld().describe() + " after the deployment.");
        }
        if (call.cacheFile() && program.toLowerCase(Locale.ROOT).endsWith("importexchange.ps1")) {
            context.unmapped("CacheFile: ImportExchange.ps1 imported win-acme's cache PFX into Exchange; exacme's"
                    + " Exchange deployment uses the certificate it installed in the machine store.");
        }
        return new DeploymentSpec.Exchange(List.of(new WindowsExchangeAccess().localServer()), false, null,
                call.services(), smtp, false, null, false, context.defaults().powershellTimeout(),
                context.defaults().keepOld());
    }
}
