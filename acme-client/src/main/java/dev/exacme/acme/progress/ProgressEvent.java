package dev.exacme.acme.progress;

import java.net.URL;
import java.time.Duration;

/**
 * Something the order flow is starting or waiting for, so that a person sees why a command
 * takes the time it takes. The set is closed: a front end renders each case.
 */
public sealed interface ProgressEvent {

    /** Registering a new account with the CA. */
    record RegisteringAccount(String directory) implements ProgressEvent {
    }

    /** The account is ready: newly created or loaded from disk. */
    record AccountReady(URL location, boolean created) implements ProgressEvent {
    }

    /** Creating the order for these names. */
    record CreatingOrder(int names) implements ProgressEvent {
    }

    /** The CA created the order; its URL identifies it in the CA's logs and support requests. */
    record OrderCreated(URL location) implements ProgressEvent {
    }

    /** The CA already holds a valid authorization for this name; no challenge needed. */
    record AuthorizationReused(String name) implements ProgressEvent {
    }

    /** Publishing a DNS-01 TXT record through a provider. */
    record PublishingRecord(String name, String provider) implements ProgressEvent {
    }

    /** Asking every authoritative server until each serves every published TXT value. */
    record WaitingForPropagation(int records, int servers) implements ProgressEvent {
    }

    /** The challenge for this name is answered and the CA has been asked to check it. */
    record Validating(String name, String challengeType) implements ProgressEvent {
    }

    /** The CA has validated this name. */
    record Validated(String name) implements ProgressEvent {
    }

    /** Still waiting for something; sent at most every few seconds while polling. */
    record StillWaiting(String what, Duration waited) implements ProgressEvent {
    }

    /** Sending the CSR and waiting for the CA to issue. */
    record Finalizing() implements ProgressEvent {
    }

    /** Downloading the certificate chain. */
    record Downloading() implements ProgressEvent {
    }

    /** A preference could not be honoured; the flow goes on. */
    record Notice(String message) implements ProgressEvent {
    }
}
