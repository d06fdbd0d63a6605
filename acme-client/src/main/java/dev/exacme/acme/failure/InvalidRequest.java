package dev.exacme.acme.failure;

/**
 * The request cannot be sent as it is: a bad name, an unknown key type, a wildcard with
 * HTTP-01, a profile the CA does not offer. Raised before anything reaches the CA, or
 * before the CA's refusal would cost a failed validation.
 */
public final class InvalidRequest extends AcmeFailure {

    public InvalidRequest(String message) {
        super(message, null);
    }
}
