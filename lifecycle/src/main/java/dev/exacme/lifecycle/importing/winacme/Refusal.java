package dev.exacme.lifecycle.importing.winacme;

/**
 * Why one renewal cannot be imported, in words for the administrator. Thrown inside the
 * mapping of that renewal only, so that the others are still mapped. Messages never hold a
 * secret: they are built from field names and non-secret values only.
 */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    Refusal(String why) {
        super(why, null, false, false);
    }
}
