package dev.exacme.cli;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.failure.ProblemReport;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.Times;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.store.StoreException;

/**
 * Shows a failure to the person (stderr) and the script ({@code --json} on stdout) and
 * picks the exit code. Messages were written for administrators where they were raised;
 * here they are only framed.
 */
public final class FailureReport {

    private FailureReport() {
    }

    /** Shows {@code failure} and returns its exit code. */
    public static int report(Console console, Exception failure) {
        var code = codeOf(failure);
        var message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof NetworkFailure && console.networkContext().isPresent()) {
            message = message + System.lineSeparator() + console.networkContext().get();
        }
        var details = console.newDocument();
        if (failure instanceof CaRefused refused) {
            details.set("problem", problem(console, refused.problem()));
            refused.retryAfter().ifPresent(at -> Times.put(details, "retryAfter", at));
        }
        return console.error(code.code(), code.kind(), message, details);
    }

    private static ExitCode codeOf(Exception failure) {
        if (failure instanceof StoreException.Rejected) {
            return ExitCode.USAGE;
        }
        return failure instanceof AcmeFailure acme ? ExitCode.of(acme) : ExitCode.FAILURE;
    }

    private static ObjectNode problem(Console console, ProblemReport report) {
        var node = console.newDocument();
        node.put("type", report.type());
        node.put("detail", report.detail());
        report.identifier().ifPresent(id -> node.put("identifier", id));
        var subs = node.putArray("subproblems");
        report.subproblems().forEach(sub -> subs.add(problem(console, sub)));
        return node;
    }
}
