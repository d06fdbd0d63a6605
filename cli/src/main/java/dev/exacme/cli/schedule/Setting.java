package dev.exacme.cli.schedule;

/** The names of the settings a schedule is compared by, as {@code show} prints them. */
public final class Setting {

    public static final String TIME = "time";
    public static final String RANDOM_DELAY = "random delay";
    public static final String TIME_LIMIT = "time limit";
    public static final String COMMAND = "command";

    private Setting() {
    }
}
