package dev.exacme.store;

/**
 * A store operation that did not happen, with a message for the person: what, where, and
 * what to do. Never carries a password or key.
 */
public sealed class StoreException extends Exception permits StoreException.Rejected {

    /** A failure of the store itself (I/O, a Windows call, a corrupt file). */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure of the store itself, without an underlying exception. */
    public StoreException(String message) {
        super(message);
    }

    /**
     * The request itself cannot be done as given (unknown account, unknown thumbprint,
     * wrong password, a directory that is not exacme's): fixed by changing the input.
     */
    public static final class Rejected extends StoreException {

        /** The reason, naming the input. */
        public Rejected(String message) {
            super(message);
        }

        /** The reason, naming the input, with its cause. */
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
