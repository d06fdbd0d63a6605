package dev.exacme.acme.failure;

/**
 * The CA answered with something exacme cannot read as ACME: a malformed directory, a
 * response without a required field, an unexpected content type.
 */
public final class ProtocolFailure extends AcmeFailure {

    public ProtocolFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
