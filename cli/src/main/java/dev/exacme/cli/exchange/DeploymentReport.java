package dev.exacme.cli.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.cli.output.Console;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import java.util.List;

/**
 * Deployments' outcomes as text and as the {@code deployments} array of the documents of
 * {@code issue}, {@code add}, {@code deploy} and {@code exchange deploy}.
 */
public final class DeploymentReport {

    private DeploymentReport() {
    }

    /** Adds {@code outcomes} of deploying {@code thumbprint} to the result {@code document} and its {@code text}. */
    public static void add(Console console, ObjectNode document, StringBuilder text, String thumbprint,
                           List<DeploymentOutcome> outcomes) {
        var array = document.putArray("deployments");
        for (var outcome : outcomes) {
            array.add(json(console, thumbprint, outcome));
            text.append(text(outcome));
        }
    }

    private static ObjectNode json(Console console, String thumbprint, DeploymentOutcome outcome) {
        var document = console.newDocument();
        document.put("thumbprint", thumbprint);
        document.put("target", outcome.target());
        var steps = document.putArray("plan");
        outcome.plan().forEach(steps::add);
        var notes = document.putArray("notes");
        outcome.notes().forEach(notes::add);
        document.put("outcome", outcome.status().id());
        outcome.failure().ifPresent(failure -> document.put("failure", failure));
        outcome.verification().ifPresent(verification -> document.put("verification", verification));
        var restoreFailures = document.putArray("restoreFailures");
        outcome.restoreFailures().forEach(restoreFailures::add);
        return document;
    }

    private static String text(DeploymentOutcome outcome) {
        return switch (outcome.status()) {
            case DRY_RUN -> String.join("\n", outcome.plan()) + "\n"
                    + outcome.notes().stream().map(note -> "note: " + note + "\n").reduce("", String::concat);
            case DEPLOYED -> "Deployed to " + outcome.target() + ": " + outcome.verification()
                    .map(verification -> verification + "\n").orElse("done.\n");
            case REFUSED, FAILED -> "Not deployed: " + outcome.failure().orElse("") + "\n";
            case ROLLED_BACK -> "Not deployed: " + outcome.failure().orElse("") + "\nEverything changed was restored.\n";
            case ROLLBACK_INCOMPLETE -> "Not deployed: " + outcome.failure().orElse("")
                    + "\nRestoring failed for these; put them back by hand:\n  "
                    + String.join("\n  ", outcome.restoreFailures()) + "\n";
        };
    }
}
