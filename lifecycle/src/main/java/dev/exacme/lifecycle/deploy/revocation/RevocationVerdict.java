package dev.exacme.lifecycle.deploy.revocation;

import java.util.List;

/** What the revocation check before a deployment found. */
public sealed interface RevocationVerdict {

    /**
     * Every CRL named by the chain was fetched and read (or there was none to fetch).
     *
     * @param notes what the deployment's plan says about it (which CRLs, which certificates have none)
     */
    record Passed(List<String> notes) implements RevocationVerdict {

        /** Copies the list. */
        public Passed {
            notes = List.copyOf(notes);
        }
    }

    /**
     * A CRL could not be fetched or read, or it lists the certificate: Windows would report
     * {@code RevocationCheckFailure} (or {@code Revoked}), so nothing is deployed.
     *
     * @param reason the URL, the route taken (the proxy) and what went wrong, in words
     */
    record Refused(String reason) implements RevocationVerdict {
    }
}
