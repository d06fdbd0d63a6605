package dev.exacme.cli.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.output.Console;
import dev.exacme.exchange.deploy.DeployOptions;
import dev.exacme.exchange.deploy.DeployPlan;
import dev.exacme.exchange.deploy.DeployRefused;
import dev.exacme.exchange.deploy.DeployResult;
import dev.exacme.exchange.deploy.Deployment;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.verify.WireProbe;
import dev.exacme.exchange.verify.WireVerifier;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.time.Duration;

/** One deployment from the command line: plan, print, apply, verify, report; shared by {@code exchange deploy} and {@code issue --deploy exchange}. */
public final class ExchangeDeployment {

    private static final Duration WIRE_TIMEOUT = Duration.ofSeconds(10);

    private ExchangeDeployment() {
    }

    /** Deploys {@code thumbprint}; exit code 0 when deployed, 1 when refused or rolled back. */
    public static int deploy(Console console, ExchangeOptions exchange, Thumbprint thumbprint, DeployOptions options,
                      boolean dryRun) throws InvalidRequest, StoreException, PowerShellFailure {
        var store = ExchangeOptions.machineStore();
        var stored = store.find(thumbprint).orElseThrow(() -> new StoreException.Rejected("no certificate with"
                + " thumbprint " + thumbprint + " in LocalMachine\\My; install it first (exacme issue --store windows)."));
        console.progress("Reading the Exchange and IIS configuration ...");
        var shell = exchange.shell();
        DeployPlan plan;
        try {
            plan = DeployPlan.of(shell, stored.certificate(), store.keyAccess(thumbprint), exchange.resolve(options, shell));
        } catch (DeployRefused e) {
            throw new StoreException("not deployed, nothing changed: " + e.getMessage(), e);
        }
        var document = console.newDocument();
        document.put("thumbprint", thumbprint.hex());
        var steps = document.putArray("plan");
        plan.steps().forEach(step -> steps.add(step.describe()));
        var notes = document.putArray("notes");
        plan.notes().forEach(notes::add);
        if (dryRun) {
            document.put("outcome", "dry-run");
            console.result(document, plan.describe());
            return 0;
        }
        console.progress(plan.describe().stripTrailing());
        var verifier = new WireVerifier(new WireProbe(WIRE_TIMEOUT, WIRE_TIMEOUT), 8);
        var result = new Deployment(shell, verifier::verify, console::progress).run(plan);
        document.put("outcome", result.outcome().name().toLowerCase().replace('_', '-'));
        result.failure().ifPresent(failure -> document.put("failure", failure));
        result.verification().ifPresent(verification -> document.put("verification", verification.describe()));
        var restoreFailures = document.putArray("restoreFailures");
        result.rollbackFailures().forEach(restoreFailures::add);
        console.result(document, text(result));
        return result.outcome() == DeployResult.Outcome.DEPLOYED ? 0 : 1;
    }

    private static String text(DeployResult result) {
        return switch (result.outcome()) {
            case DEPLOYED -> "Deployed: every endpoint presents the new certificate.\n"
                    + result.verification().map(verification -> verification.describe() + "\n").orElse("");
            case ROLLED_BACK -> "Not deployed: " + result.failure().orElse("") + "\nEverything changed was restored.\n";
            case ROLLBACK_INCOMPLETE -> "Not deployed: " + result.failure().orElse("")
                    + "\nRestoring failed for these; put them back by hand:\n  "
                    + String.join("\n  ", result.rollbackFailures()) + "\n";
        };
    }
}
