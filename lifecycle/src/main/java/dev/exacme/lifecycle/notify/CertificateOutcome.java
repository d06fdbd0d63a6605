package dev.exacme.lifecycle.notify;

import java.util.Set;

/**
 * What happened to one managed certificate in a renewal run, as notifications report it.
 *
 * @param name       the managed certificate's name ({@code exacme renew NAME})
 * @param result     {@link #RENEWED}, {@link #DEPLOYED}, {@link #FAILED}, {@link #DEPLOY_FAILED} or
 *                   {@link #NOT_DUE}
 * @param thumbprint the SHA-1 thumbprint of the certificate now in service, or {@code null}
 * @param notAfter   when that certificate expires (ISO-8601), or {@code null}
 * @param reason     why it failed, or any remark; {@code null} if there is nothing to say
 */
public record CertificateOutcome(String name, String result, String thumbprint, String notAfter, String reason) {

    /** A new certificate was issued and deployed. */
    public static final String RENEWED = "renewed";
    /** The renewal failed; {@link #reason()} says why. */
    public static final String FAILED = "failed";
    /** Nothing to do yet. */
    public static final String NOT_DUE = "not due";
    /** The current certificate, whose deployment had not completed, is now deployed (no new order). */
    public static final String DEPLOYED = "deployed";

    /**
     * Issued and installed, but the deployment failed or was rolled back; the certificate before it
     * stays in service and the next renewal (or {@code exacme deploy NAME}) deploys it again.
     */
    public static final String DEPLOY_FAILED = "deploy failed";

    private static final Set<String> RESULTS = Set.of(RENEWED, FAILED, NOT_DUE, DEPLOYED, DEPLOY_FAILED);

    /**
     * Checks the name and the result.
     *
     * @throws IllegalArgumentException if the name is blank or the result unknown
     */
    public CertificateOutcome {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a certificate outcome needs the certificate's name");
        }
        if (!RESULTS.contains(result)) {
            throw new IllegalArgumentException("unknown renewal result '" + result + "'; expected one of " + RESULTS);
        }
    }

    /** A certificate that was renewed. */
    public static CertificateOutcome renewed(String name, String thumbprint, String notAfter) {
        return new CertificateOutcome(name, RENEWED, thumbprint, notAfter, null);
    }

    /** A certificate whose renewal failed, with the reason an administrator can act on. */
    public static CertificateOutcome failed(String name, String reason) {
        return new CertificateOutcome(name, FAILED, null, null, reason);
    }

    /** A certificate that is not due, with the certificate still in service. */
    public static CertificateOutcome notDue(String name, String thumbprint, String notAfter) {
        return new CertificateOutcome(name, NOT_DUE, thumbprint, notAfter, null);
    }

    /** Whether this renewal (or its deployment) failed. */
    public boolean isFailed() {
        return FAILED.equals(result) || DEPLOY_FAILED.equals(result);
    }

    /** Whether this certificate was renewed, or its pending deployment completed. */
    public boolean isRenewed() {
        return RENEWED.equals(result) || DEPLOYED.equals(result);
    }

    /** The command that retries it: a new deployment of the same certificate, or a new order. */
    public String retryCommand() {
        return DEPLOY_FAILED.equals(result) ? Notification.deployCommand(name) : Notification.retryCommand(name);
    }
}
