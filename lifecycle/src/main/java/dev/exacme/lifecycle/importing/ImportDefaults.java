package dev.exacme.lifecycle.importing;

import dev.exacme.lifecycle.spec.GracePeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an imported definition takes from exacme where the other tool says nothing, each
 * written into the definition (as {@code exacme add} resolves its defaults).
 *
 * @param emails            the account's contact addresses ({@code --email}), may be empty
 * @param timeout           the longest wait for validation and for issuance
 * @param powershellTimeout the longest wait for one PowerShell step of a deployment
 * @param keepOld           how long superseded certificates are kept after a deployment (by default a
 *                          share of the certificate's lifetime, {@link GracePeriod#DEFAULT})
 * @param scriptTimeout     the longest run of a deployment script
 * @param created           the time written as the definitions' creation
 */
public record ImportDefaults(List<String> emails, Duration timeout, Duration powershellTimeout, GracePeriod keepOld,
                             Duration scriptTimeout, Instant created) {

    /** Copies the list. */
    public ImportDefaults {
        emails = List.copyOf(emails);
    }

    /** With a fixed grace period. */
    public ImportDefaults(List<String> emails, Duration timeout, Duration powershellTimeout, Duration keepOld,
                          Duration scriptTimeout, Instant created) {
        this(emails, timeout, powershellTimeout, GracePeriod.fixed(keepOld), scriptTimeout, created);
    }
}
