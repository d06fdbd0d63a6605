package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.issue.IssueCommand;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code exacme add NAME [issue options]}: issues a certificate now and keeps its definition,
 * so that {@code exacme renew} renews, installs and deploys it from then on.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Issues a certificate with the options of 'exacme issue' and keeps it as managed certificate NAME",
            "(certificates/NAME.json), renewed by 'exacme renew'. Nothing is kept if the first issuance fails."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED, ExitCodes.NETWORK})
public final class AddCommand implements Callable<Integer> {

    /** Options that belong to the run, not to the certificate. */
    private static final Set<String> RUN_OPTIONS = Set.of("config-dir", "json", "quiet", "verbose", "help", "version",
            "replaces");

    @Mixin
    private GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME", description = "The managed certificate's name (e.g. mail).")
    private String name;

    @Unmatched
    private List<String> issueArguments = new ArrayList<>();

    @Override
    public Integer call() throws InvalidRequest, IOException, ManagedCertificates.UnreadableFile {
        CertificateDefinition.checkName(name);
        var managed = new ManagedCertificates(global.configDirectory());
        if (managed.definition(name).isPresent()) {
            throw new InvalidRequest("a managed certificate named " + name + " exists already; 'exacme show " + name
                    + "' shows it, 'exacme remove " + name + "' forgets it.");
        }
        var definition = definition(name, issueArguments);
        var console = global.console();
        var run = IssueRun.run(global.configDirectory(), definition.issueArguments(), Optional.empty(),
                console::progress, "");
        if (run.issued().isEmpty()) {
            var failure = console.newDocument();
            failure.put("status", "error");
            failure.put("exitCode", run.exitCode() == 0 ? 1 : run.exitCode());
            failure.put("message", run.message());
            console.error(failure, run.message() + " (nothing was kept)");
            return run.exitCode() == 0 ? 1 : run.exitCode();
        }
        var state = Renewals.recorded(CertificateState.empty(), run, managed, name);
        managed.save(definition);
        managed.save(name, state);
        var document = console.newDocument();
        document.put("name", name);
        document.set("definition", ManagedCertificates.JSON.valueToTree(definition));
        document.put("thumbprint", state.thumbprint());
        document.put("notAfter", String.valueOf(state.notAfter()));
        console.result(document, "Managed certificate " + name + " added: " + String.join(", ", definition.domains())
                + ", valid until " + state.notAfter() + ".\nIt is renewed by 'exacme renew' (schedule it with 'exacme"
                + " schedule install').\n");
        return run.exitCode();
    }

    /**
     * The definition for {@code arguments} of {@code exacme issue}, checked by parsing them as
     * that command does.
     *
     * @throws InvalidRequest with picocli's message when they do not parse
     */
    static CertificateDefinition definition(String name, List<String> arguments) throws InvalidRequest {
        var parser = new CommandLine(new IssueCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine.ParseResult parsed;
        try {
            parsed = parser.parseArgs(SecretArguments.forParsing(arguments).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new InvalidRequest(e.getMessage());
        }
        var domains = new ArrayList<String>();
        var options = new LinkedHashMap<String, Object>();
        for (var option : parsed.matchedOptions()) {
            var key = option.longestName().replaceFirst("^-+", "");
            if (RUN_OPTIONS.contains(key)) {
                throw new InvalidRequest("--" + key + " belongs to the command, not to the certificate: give it to"
                        + " 'exacme add' before NAME, or leave it out.");
            }
            var given = originalValues(option.originalStringValues(), arguments);
            if (key.equals("domain")) {
                given.forEach(value -> List.of(value.split(",")).forEach(domain -> domains.add(domain.trim())));
            } else if (option.typeInfo().isBoolean()) {
                options.put(key, true);
            } else if (option.isMultiValue()) {
                options.put(key, List.copyOf(given));
            } else {
                options.put(key, given.get(given.size() - 1));
            }
        }
        return new CertificateDefinition(CertificateDefinition.SCHEMA_VERSION, name, domains, options, Instant.now());
    }

    /** The values as the person typed them: secret references instead of their stand-ins. */
    private static List<String> originalValues(List<String> parsed, List<String> arguments) {
        var stand = SecretArguments.forParsing(arguments);
        return parsed.stream().map(value -> {
            var at = stand.indexOf(value);
            return at >= 0 ? arguments.get(at) : value;
        }).toList();
    }
}
