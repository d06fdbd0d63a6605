package dev.exacme.cli.guided;

/** Input ended, or a required answer was left empty: the setup stops and nothing is written. */
public final class SetupStopped extends Exception {

    /** Stopped for {@code reason}. */
    public SetupStopped(String reason) {
        super(reason);
    }
}
