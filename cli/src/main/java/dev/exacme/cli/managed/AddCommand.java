package dev.exacme.cli.managed;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.FailureReport;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.CertificateOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.exchange.DeploymentReport;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.ResultPart;
import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.pipeline.PipelineOutcome;
import dev.exacme.lifecycle.pipeline.StateRecord;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ManagedName;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme add NAME [certificate options]}: issues a certificate now and keeps its complete
 * specification, so that {@code exacme renew} renews, installs and deploys it from then on.
 */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Issues a certificate and keeps it as a managed certificate NAME.",
            "It takes the options of 'exacme issue' and writes every default down in certificates/NAME.json;"
                + " 'exacme renew' renews it. Nothing is kept if the first issuance fails; a deployment that fails is"
                + " kept and retried by 'exacme renew' or 'exacme deploy NAME'."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:issued and installed, but the deployment failed (retried by renew),"
            + " or it failed", ExitCodes.USAGE, ExitCodes.CA_REFUSED, ExitCodes.NETWORK})
public final class AddCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME", description = "The managed certificate's name (e.g. mail).")
    private String name;

    @Mixin
    private CertificateOptions certificate;

    @Override
    public Integer call() throws Exception {
        return add(global, name, certificate).print(global.console());
    }

    /**
     * What {@link #add} did.
     *
     * @param kept     the result of a certificate kept (added, or added and not deployed), not yet printed;
     *                 empty when nothing was kept and the failure has been shown already
     * @param exitCode the exit code
     */
    record Added(Optional<ResultPart> kept, int exitCode) {

        static Added kept(ResultPart result) {
            return new Added(Optional.of(result), result.exitCode());
        }

        /** Prints the result kept, if any, as the whole result of the command; returns the exit code. */
        int print(Console console) {
            return kept.map(result -> result.print(console)).orElse(exitCode);
        }
    }

    /**
     * Adds managed certificate {@code name} as {@code certificate} defines it; also for
     * {@code exacme setup exchange}, which puts the result into its own document.
     */
    static Added add(GlobalOptions global, String name, CertificateOptions certificate) throws Exception {
        ManagedName.check(name);
        var configDirectory = global.configDirectory();
        var managed = Pipelines.managed(configDirectory);
        var console = global.console();
        // The default PEM directory belongs to this managed certificate, not to its first name.
        var spec = certificate.spec(name, first -> ConfigDirectory.pem(configDirectory).resolve(name));
        try (var lock = Pipelines.lockOrRefuse(configDirectory, Pipelines.LONG_WAIT, console)) {
            if (managed.spec(name).isPresent()) {
                throw new InvalidRequest("a managed certificate named " + name + " exists already; 'exacme show "
                        + name + "' shows it, 'exacme edit " + name + "' changes it, 'exacme remove " + name
                        + "' forgets it.");
            }
            var owner = managed.sharingStore(spec, name);
            if (owner.isPresent()) {
                throw new InvalidRequest(spec.store().location() + " belongs to managed certificate " + owner.get()
                        + "; give " + name + " a store of its own (--out DIR, --pfx-file, --keystore-alias).");
            }
            for (var source : spec.secretSources()) {
                if (source.fromEnvironment()) {
                    console.progress("warning: a secret comes from " + source + ", the environment of each run; a"
                            + " scheduled renewal may run without it. Store it with 'exacme secret set NAME' and"
                            + " refer to it as secret:NAME ('exacme edit " + name + "').");
                }
            }
            // Kept before ordering: a run killed after issuance leaves a definition the next renew completes.
            managed.save(spec);
            var run = Pipelines.context(configDirectory, certificate.ca().networkOptions(), console);
            var outcome = Pipelines.pipeline(run).run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                    StateRecord.of(managed, name), console);
            if (outcome.ordered().isEmpty()) {
                managed.remove(name);
                var code = FailureReport.report(console, outcome.failure().orElseThrow());
                console.progress("Nothing was kept for " + name + ".");
                return new Added(Optional.empty(), code);
            }
            // The pass may have written a default into the definition (the ACME profile for Exchange): shown as kept.
            return Added.kept(report(console, name, outcome, managed.spec(name).orElse(spec)));
        }
    }

    private static ResultPart report(Console console, String name, PipelineOutcome outcome, CertificateSpec spec) {
        var state = outcome.state();
        var failed = outcome.result() == PipelineOutcome.Result.FAILED;
        var document = console.newDocument();
        document.put("outcome", failed ? "not-deployed" : "added");
        document.put("name", name);
        document.set("definition", ResultJson.tree(spec));
        document.put("thumbprint", state.thumbprint());
        Times.put(document, "notAfter", state.notAfter());
        document.put("phase", state.phaseOrDone().id());
        var text = new StringBuilder();
        DeploymentReport.add(console, document, text, state.thumbprint(), outcome.deployments());
        if (failed) {
            document.put("message", outcome.message());
            text.append("Managed certificate ").append(name).append(" added: ").append(state.thumbprint())
                    .append(" is issued and installed, but not deployed.\n  ").append(outcome.message()).append(".\n");
            return new ResultPart(document, text.toString(), 1);
        }
        text.append("Managed certificate ").append(name).append(" added: ").append(String.join(", ",
                spec.identifiers())).append(", valid until ").append(Times.text(state.notAfter()))
                .append(".\nIt is renewed by 'exacme renew' (schedule it with 'exacme schedule install').\n");
        return new ResultPart(document, text.toString(), 0);
    }
}
