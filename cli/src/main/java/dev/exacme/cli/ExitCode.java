package dev.exacme.cli;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.failure.ProtocolFailure;

/** The process exit codes; their meanings for {@code --help} are in {@link ExitCodes}. */
public enum ExitCode {
    SUCCESS(0),
    FAILURE(1),
    USAGE(2),
    CA_REFUSED(3),
    NETWORK(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The {@code kind} of an error document with this code, e.g. {@code ca-refused}. */
    public String kind() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The code for a typed ACME failure. */
    public static ExitCode of(AcmeFailure failure) {
        // Java 17 has no pattern switch; AcmeFailure is sealed, so these are all the cases.
        if (failure instanceof InvalidRequest) {
            return USAGE;
        }
        if (failure instanceof CaRefused) {
            return CA_REFUSED;
        }
        if (failure instanceof NetworkFailure) {
            return NETWORK;
        }
        if (failure instanceof ProtocolFailure) {
            return FAILURE;
        }
        throw new IllegalStateException("unknown failure kind " + failure.getClass());
    }
}
