package dev.exacme.cli.schedule;

/** The names of the settings a schedule is compared by, as {@code show} prints them. */
public final class Setting {

    public static final String TIME = "time";
    public static final String RANDOM_DELAY = "random delay";
    public static final String TIME_LIMIT = "time limit";
    public static final String COMMAND = "command";

    private Setting() {
    }

    /** The name of setting {@code name} in a JSON document: {@code random delay} is {@code randomDelay}. */
    public static String jsonName(String name) {
        var words = name.trim().split("[ -]+");
        var json = new StringBuilder(words[0].toLowerCase(java.util.Locale.ROOT));
        for (var i = 1; i < words.length; i++) {
            json.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return json.toString();
    }
}
