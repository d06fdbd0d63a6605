package dev.exacme.cli.managed;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.certificate.SpecArguments;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code exacme show NAME}: a managed certificate's definition, state and history. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows a managed certificate, its renewal window and every attempt.",
            "Its definition, the current certificate, the renewal window and every attempt."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
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
        var width = TerminalWidth.current();
        var text = new StringBuilder(name).append(": ").append(String.join(", ", spec.identifiers())).append("\n\n");
        var parts = TextTable.fields().row("command", "exacme issue " + SpecArguments.commandLine(spec))
                .row("certificate", state.thumbprint() == null ? "none yet" : state.thumbprint() + ", "
                        + state.phaseOrDone().id());
        if (state.thumbprint() != null) {
            parts.row("valid", Times.text(state.notBefore()) + " to " + Times.text(state.notAfter()));
        }
        if (spec.deploys() && state.thumbprint() != null) {
            var targets = TargetState.of(spec, state).stream()
                    .map(target -> target.target() + (target.deployed() ? " (deployed)" : " (pending)")).toList();
            parts.row("targets", String.join(", ", targets));
        }
        if (state.renewAt() != null) {
            parts.row("renew at", Times.text(state.renewAt()) + " (" + state.windowSource() + " window "
                    + Times.text(state.windowStart()) + " to " + Times.text(state.windowEnd()) + ")");
        }
        text.append(parts.render(width));
        if (!state.history().isEmpty()) {
            var history = new TextTable("AT", "OUTCOME", "THUMBPRINT", "STEP", "MESSAGE");
            for (var attempt : state.history()) {
                history.row(Times.text(attempt.time()), attempt.outcome(), attempt.thumbprint(), attempt.step(),
                        attempt.message());
            }
            text.append("\nHistory, oldest first:\n").append(history.render(width));
        }
        console.result(document, text.toString());
        return 0;
    }
}
