package dev.exacme.exchange.rescue;

/** A rescue that cannot be done as things are, with what to do instead. */
public final class RescueFailed extends Exception {

    /** Why, and what to do. */
    public RescueFailed(String message) {
        super(message);
    }
}
