package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.exchange.DeploymentReport;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.pipeline.PipelineOutcome;
import dev.exacme.lifecycle.pipeline.StateRecord;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme deploy NAME}: deploys a managed certificate's current certificate again, without
 * a new order, as the next {@code exacme renew} would after a failed or rolled-back deployment.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploys a managed certificate again, without ordering a new one.",
            "The current certificate of managed certificate NAME goes to every one of its targets again (Exchange"
                + " and IIS verified on the wire and rolled back if not served, scripts run): after fixing what made a"
                + " deployment fail."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:not deployed (rolled back)", ExitCodes.USAGE_OR_LOCK})
public final class DeployCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Mixin
    private NetworkOptions network;

    @Parameters(paramLabel = "NAME", description = "The managed certificate.")
    private String name;

    @Override
    public Integer call() throws Exception {
        var configDirectory = global.configDirectory();
        var managed = Pipelines.managed(configDirectory);
        var spec = managed.require(name);
        if (!spec.deploys()) {
            throw new InvalidRequest(name + " has no deployment (--deploy); it is installed in "
                    + spec.store().getClass().getSimpleName().toLowerCase() + " and nothing else is to be done.");
        }
        var console = global.console();
        try (var lock = Pipelines.lockOrRefuse(configDirectory, Duration.ofSeconds(10), console)) {
            var run = Pipelines.context(configDirectory, network, console);
            var outcome = Pipelines.pipeline(run).run(spec, managed.state(name), CertificatePipeline.Mode.DEPLOY,
                    StateRecord.of(managed, name), console);
            if (outcome.failure().isPresent()) {
                throw outcome.failure().get();
            }
            var document = console.newDocument().put("name", name).put("thumbprint", outcome.state().thumbprint());
            var text = new StringBuilder();
            DeploymentReport.add(console, document, text, outcome.state().thumbprint(), outcome.deployments());
            return console.result(document, text.toString(), outcome.result() == PipelineOutcome.Result.FAILED ? 1 : 0);
        }
    }
}
