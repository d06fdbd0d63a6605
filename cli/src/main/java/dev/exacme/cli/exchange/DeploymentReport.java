package dev.exacme.cli.exchange;

import dev.exacme.cli.output.Console;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;

/** A deployment's outcome as text and as the JSON document of {@code exchange deploy} and {@code issue --deploy}. */
public final class DeploymentReport {

    private DeploymentReport() {
    }

    /** Prints {@code outcome} of deploying {@code thumbprint}. */
    public static void print(Console console, String thumbprint, DeploymentOutcome outcome) {
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
        console.result(document, text(outcome));
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
