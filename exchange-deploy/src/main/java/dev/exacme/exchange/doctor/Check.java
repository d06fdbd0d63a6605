package dev.exacme.exchange.doctor;

/**
 * The checks of {@code exacme doctor exchange}, each with what Microsoft's HealthChecker
 * ({@code CSS-Exchange/Diagnostics/HealthChecker}) does for it, so that the README's table and
 * the report say the same.
 */
public enum Check {
    LIFETIME("lifetime", Compared.STRICTER, "Lifetime in days: green >= 60, yellow 30-59, red < 30 (fixed days)"),
    STATUS("status", Compared.SAME, "Certificate status: Unknown, Untrusted, RevocationCheckFailure, PendingRequest yellow;"
            + " Revoked, DateInvalid, Invalid red"),
    KEY_SIZE("key-size", Compared.SAME, "Key size < 2048 red (not for ECC)"),
    SIGNATURE("signature", Compared.SAME, "Signature hash algorithm SHA-1/MD5/MD4/MD2 yellow"),
    SERVICES("services", Compared.STRICTER, "Bound to services: displayed"),
    SAN("san", Compared.STRICTER, "SAN Certificate: displayed (more than one DNS name)"),
    INTERNAL_TRANSPORT("internal-transport", Compared.SAME, "Valid Internal Transport Certificate: red when missing or"
            + " expired"),
    AUTH("auth", Compared.STRICTER, "Valid Auth Certificate: red when missing or expired; next Auth certificate and its"
            + " effective date displayed"),
    IIS_BINDINGS("iis-bindings", Compared.SAME, "Certificate Binding Issue: red when a bound thumbprint is not on the"
            + " server or has expired"),
    BACK_END("back-end", Compared.STRICTER, "Exchange Back End bindings must contain *:444: (red)"),
    CONNECTORS("connectors", Compared.STRICTER, "Connector TlsCertificateName: syntax and a matching certificate on the"
            + " server (hybrid connectors)"),
    HYBRID("hybrid", Compared.SAME, "Hybrid TlsCertificateName set, and equal to the cloud connector's (yellow)"),
    ECC("ecc", Compared.STRICTER, "EnableEccCertificateSupport registry value: displayed, yellow on builds without"
            + " support"),
    ROOT_UPDATE("root-update", Compared.SAME, "DisableRootAutoUpdate = 1: warning"),
    PRIVATE_KEY("private-key", Compared.EXACME_ONLY, "not checked"),
    KEY_ACCESS("key-access", Compared.EXACME_ONLY, "not checked"),
    PROVIDER("provider", Compared.EXACME_ONLY, "not checked"),
    CHAIN("chain", Compared.EXACME_ONLY, "not checked (only Exchange's Status)"),
    REVOCATION("revocation", Compared.EXACME_ONLY, "not checked (only Exchange's Status)"),
    SERVED("served", Compared.EXACME_ONLY, "not checked"),
    NAMESPACES("namespaces", Compared.EXACME_ONLY, "not checked (namespaces only displayed)"),
    SAME_EVERYWHERE("same-everywhere", Compared.EXACME_ONLY, "not checked");

    /** How exacme's check compares with HealthChecker's. */
    public enum Compared {
        /** The same verdicts. */
        SAME,
        /** The same and more. */
        STRICTER,
        /** HealthChecker does not check it. */
        EXACME_ONLY
    }

    private final String id;
    private final Compared compared;
    private final String healthChecker;

    Check(String id, Compared compared, String healthChecker) {
        this.id = id;
        this.compared = compared;
        this.healthChecker = healthChecker;
    }

    /** The name {@code --json} and the report use. */
    public String id() {
        return id;
    }

    /** How it compares with HealthChecker. */
    public Compared compared() {
        return compared;
    }

    /** What HealthChecker does, in words. */
    public String healthChecker() {
        return healthChecker;
    }
}
