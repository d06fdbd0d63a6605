package dev.exacme.cli.output;

import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.progress.ProgressEvent.AccountReady;
import dev.exacme.acme.progress.ProgressEvent.AuthorizationReused;
import dev.exacme.acme.progress.ProgressEvent.CreatingOrder;
import dev.exacme.acme.progress.ProgressEvent.Downloading;
import dev.exacme.acme.progress.ProgressEvent.Finalizing;
import dev.exacme.acme.progress.ProgressEvent.Notice;
import dev.exacme.acme.progress.ProgressEvent.OrderCreated;
import dev.exacme.acme.progress.ProgressEvent.PublishingRecord;
import dev.exacme.acme.progress.ProgressEvent.RegisteringAccount;
import dev.exacme.acme.progress.ProgressEvent.StillWaiting;
import dev.exacme.acme.progress.ProgressEvent.Validated;
import dev.exacme.acme.progress.ProgressEvent.Validating;
import dev.exacme.acme.progress.ProgressEvent.WaitingForPropagation;

/** One readable line per progress event. */
final class ProgressText {

    private ProgressText() {
    }

    static String of(ProgressEvent event) {
        // Java 17 has no pattern switch; ProgressEvent is sealed and every case is here.
        if (event instanceof RegisteringAccount e) {
            return "Registering a new account with " + e.directory() + " ...";
        }
        if (event instanceof AccountReady e) {
            return (e.created() ? "Account created: " : "Using account ") + e.location();
        }
        if (event instanceof CreatingOrder e) {
            return "Creating the order for " + e.names() + (e.names() == 1 ? " name" : " names") + " ...";
        }
        if (event instanceof OrderCreated e) {
            return "Order " + e.location();
        }
        if (event instanceof AuthorizationReused e) {
            return "Already authorized: " + e.name();
        }
        if (event instanceof PublishingRecord e) {
            return "Publishing TXT " + e.name() + " (" + e.provider() + ") ...";
        }
        if (event instanceof WaitingForPropagation e) {
            return "Waiting until " + (e.servers() == 1 ? "the authoritative server serves " : "all " + e.servers()
                    + " authoritative servers serve ") + (e.records() == 1 ? "the TXT record" : "the " + e.records()
                    + " TXT records") + " ...";
        }
        if (event instanceof Validating e) {
            return "Validating " + e.name() + " (" + e.challengeType() + ") ...";
        }
        if (event instanceof Validated e) {
            return "Validated " + e.name();
        }
        if (event instanceof StillWaiting e) {
            return "  still waiting for " + e.what() + " (" + e.waited().toSeconds() + " s)";
        }
        if (event instanceof Finalizing) {
            return "Finalizing: waiting for the CA to issue ...";
        }
        if (event instanceof Downloading) {
            return "Downloading the certificate ...";
        }
        if (event instanceof Notice e) {
            return "Note: " + e.message();
        }
        throw new IllegalStateException("unknown progress event " + event);
    }
}
