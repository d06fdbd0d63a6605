package dev.exacme.lifecycle.deploy;

/**
 * What a clean-up decided for one certificate a deployed one superseded.
 *
 * @param thumbprint the older certificate
 * @param remove     whether it is (or with a dry run would be) removed
 * @param reason     why, in words
 */
public record Superseded(String thumbprint, boolean remove, String reason) {

    /** One line: {@code removed THUMBPRINT: reason}. */
    public String describe(boolean dryRun) {
        return (remove ? (dryRun ? "would remove " : "removed ") : "kept ") + thumbprint + ": " + reason;
    }
}
