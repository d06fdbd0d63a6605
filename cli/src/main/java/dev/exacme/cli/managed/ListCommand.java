package dev.exacme.cli.managed;

import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.schedule.ScheduleCheck;
import dev.exacme.cli.schedule.ScheduleHost;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code exacme list}: the managed certificates with their expiry, next renewal and last result. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the managed certificates: names, expiry, next renewal, last result.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE})
public final class ListCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Override
    public Integer call() throws IOException {
        var console = global.console();
        var document = console.newDocument();
        var array = document.putArray("certificates");
        var text = new StringBuilder(String.format("%-20s %-22s %-22s %-12s %s%n", "NAME", "NOT AFTER", "RENEW AT",
                "LAST RESULT", "DOMAINS"));
        for (var entry : new ManagedCertificates(global.configDirectory()).list()) {
            if (entry instanceof ManagedCertificates.Broken broken) {
                array.addObject().put("name", broken.name()).put("problem", broken.problem().getMessage());
                text.append(String.format("%-20s %s%n", broken.name(), broken.problem().getMessage()));
                continue;
            }
            var managed = (ManagedCertificates.Managed) entry;
            var state = managed.state();
            var last = state.lastAttempt();
            var lastResult = last == null ? "" : last.outcome();
            var node = array.addObject();
            node.put("name", managed.name());
            node.set("domains", ManagedCertificates.JSON.valueToTree(managed.definition().domains()));
            node.put("notAfter", state.notAfter() == null ? null : state.notAfter().toString());
            node.put("renewAt", state.renewAt() == null ? null : state.renewAt().toString());
            node.put("lastResult", lastResult);
            text.append(String.format("%-20s %-22s %-22s %-12s %s%n", managed.name(), text(state.notAfter()),
                    text(state.renewAt()), lastResult, String.join(", ", managed.definition().domains())));
        }
        console.result(document, text.toString());
        // Every interactive look at the managed certificates also checks that their schedule still runs this exacme.
        ScheduleCheck.warning(ScheduleHost.thisMachine()).ifPresent(console::progress);
        return 0;
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
