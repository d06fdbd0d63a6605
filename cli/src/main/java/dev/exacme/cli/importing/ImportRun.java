package dev.exacme.cli.importing;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.ImportSource;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import dev.exacme.lifecycle.importing.ImportedDefinitions;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code exacme import win-acme} and {@code import certify} share: read the other tool's
 * certificates, show the mapping, and unless {@code --dry-run} write them as managed
 * certificates (nothing renewed yet); then, with {@code --disable-old}, switch off the other
 * tool's own renewals once exacme's schedule is installed.
 */
abstract class ImportRun {

    @Mixin
    GlobalOptions global;

    @Option(names = "--dry-run", description = "Show what would be imported and write nothing.")
    boolean dryRun;

    @Option(names = "--email", paramLabel = "ADDRESS",
            description = "Contact address for the imported certificates' CA account, where the other tool names none."
                    + " Repeatable.")
    List<String> emails = new ArrayList<>();

    @Option(names = "--disable-old",
            description = "After writing, disable the other tool's renewals (its scheduled task or service), only"
                    + " once exacme's schedule is installed ('exacme schedule install'). Not yet run on Windows.")
    boolean disableOld;

    @Option(names = "--iis-config", paramLabel = "FILE",
            description = "The IIS configuration that turns the site ids the other tool keeps into site names"
                    + " (default on Windows: %%windir%%\\System32\\inetsrv\\config\\applicationHost.config).")
    Path iisConfig;

    /** {@code --iis-config}, else this machine's when there is one. */
    Optional<Path> iisConfiguration() {
        return iisConfig != null ? Optional.of(iisConfig)
                : dev.exacme.acme.http01.iis.IisConfiguration.installedConfiguration(System.getenv());
    }

    /** The other tool's certificates at {@code --from} or the default place. */
    abstract ImportSource source();

    /** The other tool's own renewals, which {@code --disable-old} switches off. */
    abstract OldRenewals oldRenewals();

    int run() throws InvalidRequest, IOException {
        var console = global.console();
        var configDirectory = global.configDirectory();
        var source = source();
        if (disableOld && dryRun) {
            throw new InvalidRequest("--disable-old changes the other tool and --dry-run changes nothing; give one.");
        }
        var old = oldRenewals();
        if (disableOld) {
            old.requireExacmeSchedule();
        }
        console.line("Reading " + source.tool() + " ...");
        var imported = source.read(new ImportDefaults(emails, Duration.ofMinutes(5), Duration.ofMinutes(5),
                dev.exacme.lifecycle.spec.GracePeriod.DEFAULT, Duration.ofMinutes(5), Clock.systemUTC().instant()));
        var outcomes = new ArrayList<ImportedDefinitions.Written>();
        try (var lock = Pipelines.lockOrRefuse(configDirectory, Duration.ofSeconds(30), console)) {
            var writer = new ImportedDefinitions(Pipelines.managed(configDirectory),
                    ImportedDefinitions.StoreLookup.of(dev.exacme.lifecycle.secrets.SecretStore.open(configDirectory),
                            System.getenv()),
                    new dev.exacme.lifecycle.timing.RenewalTiming(Pipelines.scheduleGap()), Clock.systemUTC(),
                    java.util.concurrent.ThreadLocalRandom.current());
            for (var certificate : imported) {
                outcomes.add(dryRun ? writer.plan(certificate, source.tool()) : writer.write(certificate, source.tool()));
            }
        }
        var complete = outcomes.stream().allMatch(written -> written.result() != ImportedDefinitions.Result.SKIPPED);
        var disabled = new ArrayList<String>();
        if (disableOld) {
            if (!complete) {
                // Switching the other tool off now would leave what was not imported without renewals.
                throw new InvalidRequest("--disable-old: not every certificate was imported ("
                        + String.join(", ", notImported(imported, outcomes)) + "); " + source.tool() + " keeps"
                        + " renewing them. Import or add them, then run the import again with --disable-old.");
            }
            disabled.addAll(old.disable());
        }
        return report(console, source.tool(), imported, outcomes, disabled, complete ? 0 : 1);
    }

    private int report(Console console, String tool, List<ImportedCertificate> imported,
                       List<ImportedDefinitions.Written> outcomes, List<String> disabled, int exitCode) {
        var document = console.newDocument();
        document.put("tool", tool);
        document.put("dryRun", dryRun);
        var list = document.putArray("certificates");
        var table = new TextTable("NAME", "NAMES", "VALIDATION", "STORE", "DEPLOY", "CURRENT", dryRun ? "WILL" : "DONE");
        var details = new StringBuilder();
        var secrets = new StringBuilder();
        for (var i = 0; i < imported.size(); i++) {
            var certificate = imported.get(i);
            var outcome = outcomes.get(i);
            var entry = list.addObject();
            entry.put("origin", certificate.origin());
            entry.put("description", certificate.description());
            certificate.identifiers().forEach(entry.putArray("domains")::add);
            var name = certificate.spec().map(spec -> spec.name()).orElse("");
            entry.put("name", name);
            certificate.spec().ifPresent(spec -> entry.set("definition", ResultJson.tree(spec)));
            certificate.current().ifPresent(current -> {
                var node = entry.putObject("current");
                node.put("thumbprint", current.thumbprint());
                current.notAfter().ifPresent(notAfter -> Times.put(node, "notAfter", notAfter));
            });
            certificate.unmapped().forEach(entry.putArray("unmapped")::add);
            var secretList = entry.putArray("secrets");
            certificate.secrets().forEach(secret -> secretList.addObject().put("name", secret.name())
                    .put("what", secret.what()));
            certificate.refusal().ifPresent(refusal -> entry.put("refusal", refusal));
            entry.put("outcome", result(outcome)).put("message", outcome.message());
            var spec = certificate.spec();
            var label = spec.isPresent() ? name : certificate.description();
            table.row(spec.isPresent() ? name : "(" + certificate.description() + ")",
                    String.join(",", spec.map(value -> value.identifiers()).orElse(certificate.identifiers())),
                    spec.map(value -> validation(value.challenge())).orElse(""),
                    spec.map(value -> store(value.store())).orElse(""),
                    spec.map(value -> String.join(",", value.deployments().stream().map(DeploymentSpec::target)
                            .toList())).orElse(""),
                    certificate.current().map(current -> current.thumbprint().substring(0,
                            Math.min(8, current.thumbprint().length())) + "...").orElse(""),
                    spec.isEmpty() ? "refused" : result(outcome));
            var lines = new ArrayList<String>();
            certificate.refusal().ifPresent(refusal -> lines.add("not imported: " + refusal));
            if (spec.isPresent()) {
                lines.add(outcome.message());
            }
            certificate.unmapped().forEach(line -> lines.add("not taken over: " + line));
            if (!lines.isEmpty()) {
                details.append('\n').append(label).append(" (").append(certificate.origin()).append("):\n");
                lines.forEach(line -> details.append("  - ").append(line).append('\n'));
            }
            certificate.secrets().forEach(secret -> secrets.append("  exacme secret set ").append(secret.name())
                    .append("    # ").append(label).append(": ").append(secret.what()).append('\n'));
        }
        var disabledList = document.putArray("disabled");
        disabled.forEach(disabledList::add);
        var text = new StringBuilder();
        text.append(imported.size()).append(" certificate(s) of ").append(tool).append(dryRun
                ? " (dry run: nothing written)" : "").append(":\n").append(table.render());
        text.append(details);
        if (!secrets.isEmpty()) {
            text.append("\nBefore the first renewal, enter the secrets ").append(tool)
                    .append(" keeps encrypted for its own account:\n").append(secrets);
        }
        if (!dryRun) {
            text.append("\nNothing was renewed. 'exacme list' shows when each is due; 'exacme renew' runs them.\n");
        }
        disabled.forEach(line -> text.append("Disabled: ").append(line).append('\n'));
        return console.result(document, text.toString(), exitCode);
    }

    /** The outcome as the table and JSON say it; a dry run says what the real run would do. */
    private String result(ImportedDefinitions.Written outcome) {
        var result = outcome.result().name().toLowerCase(java.util.Locale.ROOT);
        return dryRun && outcome.result() == ImportedDefinitions.Result.WRITTEN ? "import" : result;
    }

    private static List<String> notImported(List<ImportedCertificate> imported,
                                            List<ImportedDefinitions.Written> outcomes) {
        var names = new ArrayList<String>();
        for (var i = 0; i < imported.size(); i++) {
            if (outcomes.get(i).result() == ImportedDefinitions.Result.SKIPPED) {
                names.add(imported.get(i).spec().map(spec -> spec.name()).orElse(imported.get(i).description()));
            }
        }
        return names;
    }

    private static String store(StoreSpec store) {
        return store instanceof StoreSpec.WindowsMachine ? "LocalMachine\\My" : store.location();
    }

    private static String validation(ChallengeSpec challenge) {
        if (challenge instanceof ChallengeSpec.Http01Listener listener) {
            return "http-01:" + listener.port();
        }
        if (challenge instanceof ChallengeSpec.Dns01 dns) {
            return "dns-01:" + dns.provider().id();
        }
        if (challenge instanceof ChallengeSpec.IisWebroot iis) {
            return "iis-webroot" + (iis.site() == null ? "" : ":" + iis.site());
        }
        return "webroot";
    }

    /** {@code --from} or, when not given, the other tool's default location under {@code %ProgramData%}. */
    static Path location(Path given, String... underProgramData) {
        if (given != null) {
            return given;
        }
        var programData = System.getenv().getOrDefault("ProgramData", "C:\\ProgramData");
        return Path.of(programData, underProgramData);
    }

}
