package dev.exacme.acme.failure;

/**
 * Why getting a certificate did not work, in one of the few ways a caller must tell apart:
 * the request was wrong before anything was sent, the CA said no, the CA could not be
 * reached in time, or it answered with something that is not ACME.
 *
 * <p>Messages are written for the administrator who reads them: they name the input or the
 * URL involved and say what to do. They never contain key material or secrets.
 */
public abstract sealed class AcmeFailure extends Exception
        permits InvalidRequest, CaRefused, NetworkFailure, ProtocolFailure {

    protected AcmeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
