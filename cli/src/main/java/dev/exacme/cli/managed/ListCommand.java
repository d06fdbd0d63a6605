package dev.exacme.cli.managed;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import dev.exacme.cli.schedule.ScheduleCheck;
import dev.exacme.cli.schedule.ScheduleGap;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.timing.RenewalTiming;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code exacme list}: the managed certificates with their expiry, next renewal and last result. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the managed certificates, when each renews and why.",
            "Names, expiry, phase, next renewal and why, last result."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:a definition or state file cannot be read (listed with its path)",
            ExitCodes.LOCAL_USAGE})
public final class ListCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Override
    public Integer call() throws IOException {
        var console = global.console();
        var document = console.newDocument();
        var array = document.putArray("certificates");
        var table = new TextTable("NAME", "NOT AFTER", "PHASE", "RENEW AT", "LAST RESULT", "DOMAINS")
                .whole("NOT AFTER", "PHASE", "RENEW AT", "LAST RESULT");
        var unreadable = new StringBuilder();
        // Read once: the gap decides every row's outlook, the settings are checked for the warning below.
        var host = ScheduleHost.thisMachine();
        var installed = ScheduleCheck.installed(host);
        var timing = new RenewalTiming(ScheduleGap.of(installed).betweenStarts());
        var now = Instant.now();
        var broken = 0;
        for (var entry : Pipelines.managed(global.configDirectory()).list()) {
            if (entry instanceof ManagedCertificates.Broken damaged) {
                broken++;
                var problem = damaged.problem().getMessage();
                array.addObject().put("name", damaged.name()).put("problem", problem);
                unreadable.append("  ").append(problem).append('\n');
                continue;
            }
            var managed = (ManagedCertificates.Managed) entry;
            var state = managed.state();
            var last = state.lastAttempt();
            var lastResult = last == null ? "" : last.outcome();
            var node = array.addObject();
            node.put("name", managed.name());
            var spec = managed.spec();
            node.set("domains", ResultJson.tree(spec.identifiers()));
            Times.put(node, "notAfter", state.notAfter());
            // Never issued, it has no phase: null, as status says it (the table shows "-").
            var phase = state.thumbprint() == null ? null : state.phaseOrDone().id();
            node.put("phase", phase);
            Times.put(node, "renewAt", state.renewAt());
            var why = RenewalOutlook.of(spec, state, now, timing).why();
            node.put("why", why);
            node.put("lastResult", last == null ? null : lastResult);
            table.row(managed.name(), Times.text(state.notAfter()), phase, Times.text(state.renewAt()), lastResult,
                    String.join(", ", spec.identifiers())).note(why);
        }
        var text = new StringBuilder(table.render(TerminalWidth.current()));
        if (broken > 0) {
            text.append("\nCannot be read:\n").append(unreadable);
        }
        var code = console.result(document, text.toString(), broken == 0 ? 0 : 1);
        // Every interactive look at the managed certificates also checks that their schedule still runs this exacme.
        ScheduleCheck.warning(host, installed).ifPresent(console::progress);
        return code;
    }
}
