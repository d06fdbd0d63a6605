package dev.exacme.cli.managed;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.certificate.SpecArguments;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code exacme show NAME}: a managed certificate's definition, state and history. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows a managed certificate, its renewal window and every attempt.",
            "Its definition, the current certificate, the renewal window and every attempt."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE})
public final class ShowCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Override
    public Integer call() throws InvalidRequest, IOException, dev.exacme.lifecycle.managed.ManagedCertificates.UnreadableFile {
        var managed = Pipelines.managed(global.configDirectory());
        var spec = managed.require(name);
        var state = managed.state(name);
        var console = global.console();
        var document = console.newDocument();
        document.set("definition", ResultJson.tree(spec));
        document.set("state", ResultJson.tree(state));
        var text = new StringBuilder(name).append(": ").append(String.join(", ", spec.identifiers())).append('\n')
                .append("  exacme issue ").append(SpecArguments.commandLine(spec)).append('\n')
                .append("  certificate ").append(state.thumbprint() == null ? "none yet" : state.thumbprint()
                        + ", valid " + state.notBefore() + " to " + state.notAfter() + ", " + state.phaseOrDone().id()).append('\n');
        if (spec.deploys() && state.thumbprint() != null) {
            var targets = TargetState.of(spec, state).stream()
                    .map(target -> target.target() + (target.deployed() ? " (deployed)" : " (pending)")).toList();
            text.append("  targets     ").append(String.join(", ", targets)).append('\n');
        }
        if (state.renewAt() != null) {
            text.append("  renew at    ").append(state.renewAt()).append(" (").append(state.windowSource())
                    .append(" window ").append(state.windowStart()).append(" .. ").append(state.windowEnd())
                    .append(")\n");
        }
        for (var attempt : state.history()) {
            text.append("  ").append(attempt.time()).append("  ").append(attempt.outcome())
                    .append(attempt.thumbprint().isEmpty() ? "" : "  " + attempt.thumbprint())
                    .append(attempt.message().isEmpty() ? "" : "  " + attempt.step() + ": " + attempt.message())
                    .append('\n');
        }
        console.result(document, text.toString());
        return 0;
    }
}
