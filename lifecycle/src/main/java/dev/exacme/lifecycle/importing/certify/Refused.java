package dev.exacme.lifecycle.importing.certify;

/**
 * A managed certificate that cannot be imported, and why, in words for the administrator; it ends
 * the mapping of that certificate only.
 */
final class Refused extends Exception {

    Refused(String why) {
        super(why, null, false, false);
    }
}
