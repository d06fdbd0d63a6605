package dev.exacme.lifecycle.importing.certify;

import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.acme.http01.iis.IisSite;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.WindowsCommandLine;
import dev.exacme.lifecycle.importing.certify.ManagedItem.DeploymentOption;
import dev.exacme.lifecycle.importing.certify.ManagedItem.Task;
import dev.exacme.lifecycle.importing.certify.ManagedItem.Trigger;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.SecretSource;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where Certify puts a certificate (its DeploymentSiteOption and the tasks after a request) as
 * exacme's store and deployment targets, in Certify's order: the machine store and the IIS
 * bindings first, then the tasks.
 */
final class DeploymentMapping {

    static final String EXCHANGE = "Certify.Providers.DeploymentTasks.Exchange";
    static final String SHELL = "Certify.Providers.DeploymentTasks.ShellExecute";
    static final String EXPORT = "Certify.Providers.DeploymentTasks.CertificateExport";
    static final String KEY_PERMISSIONS = "Certify.Providers.DeploymentTasks.SetCertificateKeyPermissions";
    static final String CERTIFICATE_STORE = "Certify.Providers.DeploymentTasks.CertificateStore";

    /** What exacme has no target for, by Certify task type, for the unmapped line. */
    private static final Map<String, String> NO_TARGET = Map.ofEntries(
            Map.entry("Certify.Providers.DeploymentTasks.IIS", "IIS deployment task (disabled in Certify itself)"),
            Map.entry("Certify.Providers.DeploymentTasks.Webhook",
                    "webhook: exacme's notifications (webhook channel) are set once for all certificates"),
            Map.entry("Certify.Providers.DeploymentTasks.Wait", "wait: exacme runs its deployments one after another"),
            Map.entry("Certify.Providers.DeploymentTasks.ServiceManager",
                    "service start/stop/restart: a script deployment can do it (Restart-Service NAME)"),
            Map.entry("Certify.Providers.DeploymentTasks.RDPGateway",
                    "RD Gateway: a script deployment can set it with the thumbprint ({thumbprint})"),
            Map.entry("Certify.Providers.DeploymentTasks.RDPListener",
                    "RDP listener: a script deployment can set it with the thumbprint ({thumbprint})"),
            Map.entry("Certify.Providers.DeploymentTasks.ADFS",
                    "ADFS: a script deployment can run Set-AdfsSslCertificate with the thumbprint ({thumbprint})"),
            Map.entry("Certify.Providers.DeploymentTasks.RemoteAccess",
                    "Remote Access (SSTP/DirectAccess): a script deployment can set it with the thumbprint"),
            Map.entry("Certify.Providers.DeploymentTasks.UpdatePortBinding",
                    "http.sys port binding: a script deployment can run netsh http update sslcert"),
            Map.entry("Certify.Providers.DeploymentTasks.CCS", "IIS Centralized Certificate Store"),
            Map.entry("Certify.Providers.DeploymentTasks.Apache", "Apache (files over SSH or a share)"),
            Map.entry("Certify.Providers.DeploymentTasks.Nginx", "nginx (files over SSH or a share)"),
            Map.entry("Certify.Providers.DeploymentTasks.Tomcat", "Tomcat"),
            Map.entry("Certify.Providers.DeploymentTasks.GenericServer", "generic server (files over SSH or a share)"),
            Map.entry("Certify.Providers.DeploymentTasks.AzureAppService", "Azure App Service"),
            Map.entry("Certify.Providers.DeploymentTasks.AzureKeyVault", "Azure Key Vault"),
            Map.entry("Certify.Providers.DeploymentTasks.HashicorpVault", "HashiCorp Vault"),
            Map.entry("Certify.Providers.DeploymentTasks.Doppler", "Doppler"),
            Map.entry("Certify.Providers.DeploymentTasks.AzureDevOps", "Azure DevOps"));

    private static final List<String> PEM_EXPORTS = List.of("pemcrt", "pemchain", "pemintermediates", "pemkey",
            "pemfullnokey", "pemfull", "pemcrtpartialchain");

    /** The store, the deployments and the friendly name. */
    record Result(StoreSpec store, List<DeploymentSpec> deployments, String friendlyName) {
    }

    private final ManagedItem item;
    private final String name;
    private final List<String> identifiers;
    private final ImportDefaults defaults;
    private final Notes notes;
    private final Optional<IisConfiguration> iis;
    private final String iisProblem;

    /**
     * @param identifiers the names as A-labels
     * @param iis         the IIS configuration, for site names; empty with why in {@code iisProblem}
     */
    DeploymentMapping(ManagedItem item, String name, List<String> identifiers, ImportDefaults defaults, Notes notes,
                      Optional<IisConfiguration> iis, String iisProblem) {
        this.item = item;
        this.name = name;
        this.identifiers = identifiers;
        this.defaults = defaults;
        this.notes = notes;
        this.iis = iis;
        this.iisProblem = iisProblem;
    }

    Result map() throws Refused {
        var request = item.requestConfig();
        var option = DeploymentOption.parse(request.deploymentSiteOption()).orElseThrow(() -> new Refused(
                "its DeploymentSiteOption '" + request.deploymentSiteOption() + "' is not one Certify 7 has."));
        var tasks = runnable(item.postTasks());
        item.preRequestTasks().forEach(task -> notes.unmapped(task.label() + " runs before each request in Certify;"
                + " exacme runs nothing before ordering: not imported."));
        ManagedItem.present(request.preRequestPowerShellScript()).ifPresent(script -> notes.unmapped("pre-request"
                + " script " + script + ": exacme runs nothing before ordering: not imported."));
        if (ManagedItem.present(request.webhookUrl()).isPresent()
                && !ManagedItem.present(request.webhookTrigger()).orElse("None").equalsIgnoreCase("None")) {
            notes.unmapped("webhook " + request.webhookUrl() + ": exacme's notifications (webhook channel) are set"
                    + " once for all certificates: not imported.");
        }

        var used = new ArrayList<Task>();
        var store = store(option, tasks, used);
        var deployments = new ArrayList<DeploymentSpec>();
        if (store instanceof StoreSpec.WindowsMachine) {
            iisBinding(option).ifPresent(deployments::add);
        }
        String friendlyName = null;
        for (var task : tasks) {
            if (used.contains(task)) {
                continue;
            }
            var type = ManagedItem.present(task.taskTypeId()).orElse("");
            switch (type) {
                case EXCHANGE -> exchange(task, store).ifPresent(deployments::add);
                case Task.POWERSHELL -> powershell(task).ifPresent(deployments::add);
                case SHELL -> program(task).ifPresent(deployments::add);
                case EXPORT -> notes.unmapped(task.label() + " exports " + task.parameter("type").orElse("pfxfull")
                        + " to " + task.parameter("path").orElse("(no path)") + ": exacme installs into one store ("
                        + storeName(store) + "); another copy needs a script deployment or a second definition.");
                case KEY_PERMISSIONS -> notes.unmapped(task.label() + " grants key access, which exacme does only"
                        + " for the Windows machine store: not imported.");
                case CERTIFICATE_STORE -> friendlyName = certificateStore(task, store, friendlyName);
                default -> notes.unmapped(task.label() + ": " + Optional.ofNullable(NO_TARGET.get(type))
                        .map(what -> "exacme has no " + (what.contains(":") ? what.replaceFirst(":", " target:")
                                : what + " target"))
                        .orElse("unknown task type '" + type + "'") + "; not imported.");
            }
        }
        return new Result(store, deployments, friendlyName);
    }

    /** The tasks that run after a successful renewal; the others are said and left out. */
    private List<Task> runnable(List<Task> tasks) {
        var runnable = new ArrayList<Task>();
        for (var task : tasks) {
            var trigger = task.trigger();
            switch (trigger) {
                case ON_SUCCESS -> runnable.add(task);
                case ANY_STATUS -> {
                    runnable.add(task);
                    notes.unmapped(task.label() + ": Certify also runs it after a failed renewal; exacme deploys"
                            + " after a successful one only.");
                }
                case NOT_ENABLED -> notes.unmapped(task.label() + " is disabled in Certify: not imported.");
                case MANUAL -> notes.unmapped(task.label() + " runs only by hand in Certify; exacme has no manual"
                        + " tasks: not imported.");
                case ON_ERROR, ON_TASK_ERROR -> notes.unmapped(task.label() + " runs when something failed; exacme"
                        + " says failures through its notifications: not imported.");
                default -> notes.unmapped(task.label() + " has a trigger Certify 7 does not have ('"
                        + task.taskTrigger() + "'): not imported.");
            }
        }
        return runnable;
    }

    private StoreSpec store(DeploymentOption option, List<Task> tasks, List<Task> used) {
        if (option == DeploymentOption.NO_DEPLOYMENT) {
            var export = tasks.stream().filter(task -> EXPORT.equals(task.taskTypeId()) && task.otherAccount().isEmpty()
                    && task.parameter("path").isPresent()).findFirst();
            if (export.isPresent()) {
                used.add(export.get());
                return exported(export.get(), tasks, used);
            }
            notes.unmapped("Certify keeps it on disk only (NoDeployment), for its tasks; exacme needs a store and"
                    + " installs it into LocalMachine\\My: for files instead, exacme edit " + name
                    + " --store pem --out DIR or --store pfx --pfx-file FILE.");
        }
        var read = new ArrayList<String>();
        var full = new ArrayList<String>();
        for (var task : tasks) {
            if (KEY_PERMISSIONS.equals(task.taskTypeId())) {
                used.add(task);
                var account = task.parameter("account");
                if (account.isEmpty()) {
                    notes.unmapped(task.label() + " names no account: not imported.");
                } else if (task.parameter("permission").orElse("read").equalsIgnoreCase("fullcontrol")) {
                    full.add(account.get());
                } else {
                    read.add(account.get());
                }
            }
        }
        notes.unmapped("Certify imports the key exportable; exacme does not, unless exacme edit " + name
                + " --exportable.");
        return new StoreSpec.WindowsMachine(false, false, read, full);
    }

    /** The store an export of NoDeployment stands for: a PFX file, or PEM files in the export's folder. */
    private StoreSpec exported(Task export, List<Task> tasks, List<Task> used) {
        var type = export.parameter("type").orElse("pfxfull").toLowerCase(Locale.ROOT);
        var path = export.parameter("path").orElseThrow();
        if (type.equals("pfxfull")) {
            var password = ManagedItem.present(item.certificatePasswordCredentialId())
                    .map(id -> notes.credential(id, "PFX password"))
                    .orElseGet(() -> {
                        notes.unmapped("Certify writes " + path + " without a password; exacme always protects a PFX"
                                + " file with one: give it to whatever reads the file.");
                        return notes.secret(Notes.secretName("pfx-" + name), "the password exacme protects " + path
                                + " with (Certify wrote it without one)");
                    });
            var legacy = !notes.installation().modernPfx();
            notes.unmapped("the PFX is written to " + path + " as Certify's export did, with "
                    + (legacy ? "3DES/SHA-1, as Certify (UseModernPFXAlgs off)" : "AES-256/SHA-256") + ".");
            return new StoreSpec.Pfx(path, password, legacy, null);
        }
        var directory = parent(path);
        var files = new ArrayList<String>();
        for (var task : tasks) {
            var taskType = task.parameter("type").orElse("pfxfull").toLowerCase(Locale.ROOT);
            if (EXPORT.equals(task.taskTypeId()) && PEM_EXPORTS.contains(taskType) && task.otherAccount().isEmpty()
                    && task.parameter("path").map(p -> parent(p).equals(directory)).orElse(false)) {
                if (!used.contains(task)) {
                    used.add(task);
                }
                files.add(task.parameter("path").get() + " (" + taskType + ")");
            }
        }
        notes.unmapped("PEM files in " + directory + ": exacme writes cert.pem, chain.pem, fullchain.pem and key.pem"
                + " there, where Certify wrote " + String.join(", ", files) + ": point their readers at exacme's"
                + " names.");
        return new StoreSpec.Pem(directory, null);
    }

    private Optional<DeploymentSpec> iisBinding(DeploymentOption option) {
        var request = item.requestConfig();
        if (option == DeploymentOption.STORE_ONLY || option == DeploymentOption.NO_DEPLOYMENT) {
            return Optional.empty();
        }
        var sites = new LinkedHashSet<String>();
        if (option == DeploymentOption.SINGLE_SITE) {
            var id = item.siteId();
            if (id.isEmpty()) {
                notes.unmapped("Certify's single-site deployment names no site (ServerSiteId), so it binds nothing;"
                        + " neither does exacme.");
                return Optional.empty();
            }
            sites.add(siteName(id.get()));
        } else {
            if (iis.isEmpty()) {
                notes.unmapped("Certify binds every IIS site whose bindings match the names (" + option.certifyName()
                        + "), found at each renewal; exacme binds named sites and cannot read the IIS configuration"
                        + " (" + iisProblem + "): add them with exacme edit " + name + " --deploy iis --iis-site"
                        + " NAME. NOT DEPLOYED to IIS until then.");
                return Optional.empty();
            }
            for (var site : iis.get().sites()) {
                if (site.httpHosts().stream().anyMatch(this::covers)) {
                    sites.add(site.name());
                }
            }
            if (sites.isEmpty()) {
                notes.unmapped("Certify binds IIS sites whose bindings match the names (" + option.certifyName()
                        + "); no site has one now, so exacme binds none.");
                return Optional.empty();
            }
            notes.unmapped("Certify chooses the IIS sites by their bindings at each renewal (" + option.certifyName()
                    + "); exacme binds the sites that match now: " + String.join(", ", sites) + ".");
        }
        var port = 443;
        var sni = !request.updateOnly();
        if (!request.automatedBinding()) {
            var given = ManagedItem.present(request.bindingPort());
            if (given.isPresent()) {
                try {
                    port = Integer.parseInt(given.get());
                } catch (NumberFormatException e) {
                    notes.unmapped("binding port '" + given.get() + "' is not a number: 443 is used.");
                }
            }
            sni = sni && Boolean.TRUE.equals(request.bindingUseSni());
            ManagedItem.present(request.bindingIpAddress()).filter(ip -> !ip.equals("*")).ifPresent(ip -> notes
                    .unmapped("binding address " + ip + ": exacme keeps each binding's address as it is and creates"
                            + " new ones on every address."));
        }
        notes.unmapped("IIS: exacme moves every https binding of " + (sites.size() == 1 ? "the site" : "each site")
                + " on port " + port + " to the new certificate"
                + (sni ? " and adds an SNI binding per name where none exists" : "") + "; Certify chose bindings by"
                + " host name" + (request.deploymentBindingBlankHostname() ? ", blank host name" : "")
                + (request.deploymentBindingReplacePrevious() ? ", previous certificate" : "") + ".");
        if (request.alwaysRecreateBindings()) {
            notes.unmapped("AlwaysRecreateBindings: exacme updates bindings in place and never recreates them.");
        }
        return Optional.of(new DeploymentSpec.Iis(List.copyOf(sites), sni, port, defaults.powershellTimeout(),
                defaults.keepOld()));
    }

    /** The site's name for an id Certify keeps, from the IIS configuration; else the id, said. */
    private String siteName(String id) {
        if (iis.isPresent() && id.matches("\\d+")) {
            var found = iis.get().sites().stream().filter(site -> site.id() == Integer.parseInt(id))
                    .map(IisSite::name).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            notes.unmapped("IIS: Certify's site id " + id + " is not in the IIS configuration; check the site (Get-Website"
                    + " | Where-Object id -eq " + id + ") and set its name with exacme edit " + name
                    + " --iis-site NAME.");
            return id;
        }
        notes.unmapped("IIS: Certify keeps the site's id (" + id + "), not its name, and the IIS configuration cannot"
                + " be read here (" + iisProblem + "); exacme binds sites by the name IIS Manager shows: check it"
                + " (Get-Website | Where-Object id -eq " + id + ") and set it with exacme edit " + name
                + " --iis-site NAME.");
        return id;
    }

    /** Whether an IIS http binding's host is one of the names or under one of its wildcards. */
    private boolean covers(String host) {
        return !host.isBlank() && identifiers.stream().anyMatch(n -> n.equals(host) || (n.startsWith("*.")
                && host.endsWith(n.substring(1)) && host.indexOf('.') == host.length() - n.length() + 1));
    }

    private Optional<DeploymentSpec> exchange(Task task, StoreSpec store) {
        if (!(store instanceof StoreSpec.WindowsMachine)) {
            notes.unmapped(task.label() + " (Exchange) needs the certificate in the machine store, where Certify does"
                    + " not put it (NoDeployment): not imported.");
            return Optional.empty();
        }
        var services = new ArrayList<String>();
        for (var part : task.parameter("services").orElse("").split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                services.add(ExchangeService.byName(part).exchangeName());
            } catch (IllegalArgumentException e) {
                notes.unmapped(task.label() + ": Exchange service '" + part + "' is not one exacme knows: left out.");
            }
        }
        if (services.isEmpty()) {
            notes.unmapped(task.label() + " names no Exchange services, so Certify's task fails: not imported.");
            return Optional.empty();
        }
        var smtp = services.contains("SMTP");
        if (smtp) {
            notes.unmapped(task.label() + ": Certify's Enable-ExchangeCertificate -Force makes each new certificate the"
                    + " default SMTP certificate; so does the import (replaceDefaultSmtp), although exacme's own default"
                    + " keeps the previous one, as Microsoft advises for hybrid.");
        }
        if (services.contains("IMAP") || services.contains("POP")) {
            notes.unmapped(task.label() + ": IMAP and POP present a new certificate after their services restart;"
                    + " neither Certify nor this import restarts them (exacme edit " + name
                    + " --restart-services does).");
        }
        task.parameter("donotrequiressl").filter(value -> value.equalsIgnoreCase("true")).ifPresent(value -> notes
                .unmapped(task.label() + ": 'Do Not Require Ssl' is not taken over; Certify's Exchange.ps1 never"
                        + " applied it either (it tests $addDoNotUseSslFlag, which is never set)."));
        task.otherAccount().ifPresent(account -> notes.unmapped(task.label() + " runs as " + account
                + " in Certify; exacme runs it as its own account."));
        return Optional.of(new DeploymentSpec.Exchange(List.of(), false, null, services, smtp, false, null, false,
                defaults.powershellTimeout(), defaults.keepOld()));
    }

    private Optional<DeploymentSpec> powershell(Task task) {
        var script = task.parameter("scriptpath");
        if (script.isEmpty()) {
            notes.unmapped(task.label() + " names no script (scriptpath), so Certify's task fails: not imported.");
            return Optional.empty();
        }
        var arguments = new ArrayList<String>();
        task.parameter("args").ifPresent(args -> {
            for (var argument : powershellArguments(args)) {
                arguments.add("-" + argument[0]);
                if (argument.length > 1) {
                    arguments.add(argument[1]);
                } else {
                    notes.unmapped(task.label() + ": argument '" + argument[0] + "' without a value, which Certify"
                            + " passes as an empty text, is passed as the switch -" + argument[0] + ".");
                }
            }
        });
        var result = task.parameter("inputresult").map(value -> value.equalsIgnoreCase("true")).orElse(true);
        notes.unmapped(task.label() + ": " + script.get() + " must be adapted before the first renewal. "
                + (result ? "Certify passes it a $result object ($result.ManagedItem.CertificateThumbprintHash,"
                + " .CertificatePath, .IsSuccess...)" : "Certify passes it its arguments only")
                + "; exacme runs it with -File " + passed(arguments) + ".");
        task.otherAccount().ifPresent(account -> notes.unmapped(task.label() + " runs as " + account
                + " in Certify; exacme runs it as its own account."));
        return Optional.of(new DeploymentSpec.Script(script.get(), arguments, timeout(task)));
    }

    private Optional<DeploymentSpec> program(Task task) {
        var program = task.parameter("path");
        if (program.isEmpty()) {
            notes.unmapped(task.label() + " names no program (path), so Certify's task fails: not imported.");
            return Optional.empty();
        }
        if (task.challengeProvider() != null && task.challengeProvider().endsWith(".SSH")) {
            notes.unmapped(task.label() + " runs " + program.get() + " on " + task.targetHost() + " over SSH; exacme"
                    + " runs programs on this computer only: not imported.");
            return Optional.empty();
        }
        var arguments = task.parameter("args").map(WindowsCommandLine::split).orElse(List.of());
        notes.unmapped(task.label() + ": Certify runs " + program.get() + " with its arguments only; exacme runs it"
                + " with " + passed(arguments) + ": check that the program accepts them.");
        task.otherAccount().ifPresent(account -> notes.unmapped(task.label() + " runs as " + account
                + " in Certify; exacme runs it as its own account."));
        return Optional.of(new DeploymentSpec.Script(program.get(), arguments, timeout(task)));
    }

    /**
     * What exacme passes a script: the arguments as given (none: exacme's defaults) and the
     * EXACME_* variables, the contract of {@link DeploymentSpec.Script}.
     */
    private static String passed(List<String> arguments) {
        return (arguments.isEmpty() ? String.join(" ", DeploymentSpec.Script.DEFAULT_ARGUMENTS)
                + " (exacme's arguments for a script configured without any)" : String.join(" ", arguments.stream()
                .map(argument -> argument.contains(" ") ? "\"" + argument + "\"" : argument).toList()))
                + ", with the certificate in EXACME_THUMBPRINT, EXACME_PREVIOUS_THUMBPRINT, EXACME_NAMES, EXACME_STORE_PATH"
                + " and the other EXACME_* variables; placeholders such as {thumbprint}, {previous-thumbprint},"
                + " {names} and {store-path} can be added to its arguments with exacme edit";
    }

    private String certificateStore(Task task, StoreSpec store, String friendlyName) {
        var kind = task.parameter("storetype").orElse("default");
        if (!(store instanceof StoreSpec.WindowsMachine) || !(kind.equalsIgnoreCase("default")
                || kind.equalsIgnoreCase("my"))) {
            notes.unmapped(task.label() + " stores it in " + kind + "; exacme installs into " + storeName(store)
                    + " only: not imported.");
            return friendlyName;
        }
        return task.parameter("friendlyname").orElse(friendlyName);
    }

    private Duration timeout(Task task) {
        var minutes = task.parameter("timeout").flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).filter(m -> m > 0);
        if (minutes.isEmpty()) {
            return defaults.scriptTimeout();
        }
        var asked = Duration.ofMinutes(minutes.get());
        if (asked.compareTo(DeploymentSpec.Script.LONGEST) > 0) {
            notes.unmapped(task.label() + ": Certify's timeout of " + minutes.get() + " min is cut to exacme's longest,"
                    + " 60 min.");
            return DeploymentSpec.Script.LONGEST;
        }
        return asked;
    }

    /**
     * Certify's {@code arg1=value;arg2=value}, split as PowershellScript.Execute does: its escapes
     * {@code \;}, {@code \=} and {@code \\} first set aside, then pairs at {@code ;}, key and value at
     * {@code =} (a second {@code =} ends the value there too), a key alone without a value.
     */
    static List<String[]> powershellArguments(String text) {
        var set = text.replace("\\;", "\uE000").replace("\\=", "\uE001").replace("\\\\", "\uE002");
        var pairs = new ArrayList<String[]>();
        for (var part : set.split(";")) {
            var keyValue = part.split("=", -1);
            var key = restored(keyValue[0]).strip();
            if (key.isEmpty()) {
                continue;
            }
            pairs.add(keyValue.length == 1 ? new String[] {key} : new String[] {key, restored(keyValue[1]).strip()});
        }
        return pairs;
    }

    private static String restored(String text) {
        return text.replace('\uE000', ';').replace('\uE001', '=').replace("\uE002", "\\");
    }

    private static String parent(String path) {
        var slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash <= 0 ? path : path.substring(0, slash);
    }

    private static String storeName(StoreSpec store) {
        if (store instanceof StoreSpec.Pem pem) {
            return "PEM files in " + pem.directory();
        }
        if (store instanceof StoreSpec.Pfx pfx) {
            return "the PFX file " + pfx.file();
        }
        return "LocalMachine\\My";
    }
}
