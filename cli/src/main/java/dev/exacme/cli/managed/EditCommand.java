package dev.exacme.cli.managed;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.DeploymentOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.certificate.SpecArguments;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code exacme edit NAME [certificate options] [--unset OPTION]}: changes a managed certificate's specification. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Changes the options of a managed certificate.",
            "The 'exacme issue' options given replace those of the same name (a repeated option such as -d replaces"
                + " all its values), --unset removes one. Checked exactly like 'exacme add'; takes effect at the next"
                + " renewal ('exacme renew NAME --force' for now)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.USAGE_OR_LOCK})
public final class EditCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME")
    private String name;

    @Option(names = "--unset", paramLabel = "OPTION", description = "An option to remove, without dashes (e.g. webroot).")
    private List<String> unset = new ArrayList<>();

    @Unmatched
    private List<String> changes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var configDirectory = global.configDirectory();
        try (var lock = Pipelines.lockOrRefuse(configDirectory, java.time.Duration.ofSeconds(30), global.console())) {
            return edit(configDirectory);
        }
    }

    private int edit(java.nio.file.Path configDirectory) throws Exception {
        var managed = Pipelines.managed(configDirectory);
        var current = managed.require(name);
        var given = optionNames(changes);
        var removed = new HashSet<String>();
        for (var option : unset) {
            removed.add("--" + option.replaceFirst("^-+", ""));
        }
        var base = SpecArguments.of(current);
        for (var option : removed) {
            if (base.stream().noneMatch(argument -> argument.equals(option) || argument.startsWith(option + "="))) {
                throw new InvalidRequest("--unset " + option.substring(2) + ": " + name + " has no such option; 'exacme"
                        + " show " + name + "' lists them.");
            }
        }
        // The options of the --deploy groups only mean something beside their --deploy: replaced together, and
        // Exchange's go with the last --deploy exchange.
        if (given.stream().anyMatch(DeploymentOptions.TARGET_OPTIONS::contains)) {
            given.addAll(DeploymentOptions.TARGET_OPTIONS);
            if (!DeploymentOptions.deploysExchange(changes)) {
                given.addAll(DeploymentOptions.EXCHANGE_ONLY_OPTIONS);
            }
        }
        if (removed.contains("--deploy")) {
            removed.addAll(DeploymentOptions.TARGET_OPTIONS);
            removed.addAll(DeploymentOptions.EXCHANGE_ONLY_OPTIONS);
        }
        var arguments = new ArrayList<String>();
        var skip = false;
        for (var i = 0; i < base.size(); i++) {
            var argument = base.get(i);
            if (argument.startsWith("--")) {
                var option = argument.split("=", 2)[0];
                skip = removed.contains(option) || given.contains(option);
            }
            if (!skip) {
                arguments.add(argument);
            }
        }
        arguments.addAll(changes);
        var parsed = Pipelines.parse(arguments).spec(name, first -> ConfigDirectory.pem(configDirectory)
                .resolve(name));
        var edited = new CertificateSpec(parsed.schemaVersion(), name, parsed.identifiers(), parsed.ca(),
                parsed.challenge(), parsed.key(), parsed.store(), parsed.deployments(), parsed.timeout(),
                parsed.friendlyName(), current.created()).validated();
        var owner = managed.sharingStore(edited, name);
        if (owner.isPresent()) {
            throw new InvalidRequest(edited.store().location() + " belongs to managed certificate " + owner.get()
                    + "; give " + name + " a store of its own.");
        }
        // What add checks before it orders, edit checks before it saves (a group that exists, a writable directory).
        if (!(edited.store() instanceof dev.exacme.lifecycle.spec.StoreSpec.WindowsMachine)) {
            dev.exacme.lifecycle.store.Stores.open(edited.store(), dev.exacme.lifecycle.secrets.SecretStore
                    .open(configDirectory), System.getenv()).prepare();
        }
        // The targets deployed so far are the current definition's: recorded before the edit adds or changes any.
        var state = managed.state(name);
        var known = state.knowingDeployments(current.deploymentKeys());
        if (known != state) {
            managed.save(name, known);
        }
        managed.save(edited);
        var console = global.console();
        var document = console.newDocument();
        document.set("definition", ResultJson.tree(edited));
        console.result(document, name + " now: exacme issue " + SpecArguments.commandLine(edited) + "\n");
        return 0;
    }

    /** The long names of the options among {@code arguments} ({@code -d} counts as {@code --domain}). */
    private static Set<String> optionNames(List<String> arguments) {
        var spec = CommandLine.Model.CommandSpec.forAnnotatedObject(new dev.exacme.cli.certificate.CertificateOptions());
        var names = new HashSet<String>();
        for (var argument : arguments) {
            if (!argument.startsWith("-")) {
                continue;
            }
            var option = spec.findOption(argument.split("=", 2)[0]);
            if (option != null) {
                names.add(option.longestName());
            }
        }
        return names;
    }
}
