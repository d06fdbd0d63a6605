package dev.exacme.cli;

/** The exit code lines for {@code --help}; annotation values must be constants. */
public final class ExitCodes {

    public static final String HEADING = "%nExit codes:%n";
    public static final String SUCCESS = "0:success";
    public static final String FAILURE = "1:anything else: local files, a CA answer that is not ACME, an internal error";
    public static final String USAGE = "2:bad usage or input, refused before anything was sent to the CA, or a --server"
            + " that is not an ACME directory";
    public static final String USAGE_OR_LOCK = "2:bad usage or input, or another exacme run holds the lock: refused"
            + " before anything changed";
    public static final String CA_REFUSED = "3:the CA refused (problem document): validation failed, rate limited, unauthorized";
    public static final String NETWORK = "4:network failure or timeout, or the CA is unavailable; try again later";

    // Commands that never talk to a CA say so: their failures are local ones.
    public static final String LOCAL_FAILURE = "1:failed: local files, the system, an internal error";
    public static final String LOCAL_USAGE = "2:bad usage or input, refused before anything changed";
    public static final String KEY_UNFIT = "1:a private key is unfit for Exchange and IIS, or the check failed";
    public static final String DNS_NETWORK = "4:network failure or timeout reaching the DNS provider; try again later";

    private ExitCodes() {
    }
}
