package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code exacme edit NAME [issue options] [--unset OPTION]}: changes a managed certificate's definition. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Changes a managed certificate's definition: the 'exacme issue' options given replace those of",
            "the same name (-d replaces all domains), --unset removes one. Checked like 'exacme add'; takes effect at",
            "the next renewal ('exacme renew NAME --force' for now)."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE})
public final class EditCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME")
    private String name;

    @Option(names = "--unset", paramLabel = "OPTION", description = "An option to remove, without dashes (e.g. webroot).")
    private List<String> unset = new ArrayList<>();

    @Unmatched
    private List<String> issueArguments = new ArrayList<>();

    @Override
    public Integer call() throws InvalidRequest, IOException, ManagedCertificates.UnreadableFile {
        var managed = new ManagedCertificates(global.configDirectory());
        var current = managed.require(name);
        var changes = issueArguments.isEmpty() ? null : AddCommand.definition(name, withDomain(current, issueArguments));
        var options = new LinkedHashMap<>(current.options());
        if (changes != null) {
            options.putAll(changes.options());
        }
        for (var option : unset) {
            if (options.remove(option.replaceFirst("^-+", "")) == null) {
                throw new InvalidRequest("--unset " + option + ": " + name + " has no such option; 'exacme show " + name
                        + "' lists them.");
            }
        }
        var domains = changes != null && namesDomains(issueArguments) ? changes.domains() : current.domains();
        var edited = new CertificateDefinition(current.schemaVersion(), name, domains, options, current.created());
        AddCommand.definition(name, edited.issueArguments());
        managed.save(edited);
        var console = global.console();
        var document = console.newDocument();
        document.set("definition", ManagedCertificates.JSON.valueToTree(edited));
        console.result(document, name + " now: exacme issue " + String.join(" ", edited.issueArguments()) + "\n");
        return 0;
    }

    private static boolean namesDomains(List<String> arguments) {
        return arguments.stream().anyMatch(argument -> argument.startsWith("-d") || argument.startsWith("--domain"));
    }

    /** The changes parse on their own only with a domain: the current ones stand in when none is given. */
    private static List<String> withDomain(CertificateDefinition current, List<String> arguments) {
        if (namesDomains(arguments)) {
            return arguments;
        }
        var withDomains = new ArrayList<String>();
        current.domains().forEach(domain -> withDomains.addAll(List.of("--domain", domain)));
        withDomains.addAll(arguments);
        return withDomains;
    }
}
