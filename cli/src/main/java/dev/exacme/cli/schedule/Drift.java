package dev.exacme.cli.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the installed schedule differs from the one this exacme would install now, in words
 * a person can act on.
 *
 * @param installed   whether a schedule of exacme was found at all
 * @param settings    what the installed schedule does, by {@link Setting} name, in words
 * @param differences one sentence per difference; empty when installed and in sync
 */
public record Drift(boolean installed, Map<String, String> settings, List<String> differences) {

    public Drift {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        differences = List.copyOf(differences);
    }

    /** Installed, and the same as what would be generated now. */
    public boolean inSync() {
        return installed && differences.isEmpty();
    }

    /** Nothing installed where the scheduler looked. */
    public static Drift missing(String where) {
        return new Drift(false, Map.of(), List.of("no exacme schedule is installed (" + where + ")"));
    }

    /**
     * Compares setting by setting; {@code extra} adds differences the settings cannot show
     * (a file edited by hand, a timer that is not enabled).
     */
    public static Drift compare(Map<String, String> installed, Map<String, String> wanted, List<String> extra) {
        var differences = new ArrayList<String>();
        for (var entry : wanted.entrySet()) {
            var now = entry.getValue();
            var was = installed.get(entry.getKey());
            if (was == null) {
                differences.add(entry.getKey() + ": not found in the installed schedule, exacme would set " + now);
            } else if (!was.equals(now)) {
                differences.add(entry.getKey() + ": installed " + was + ", exacme would set " + now);
            }
        }
        differences.addAll(extra);
        return new Drift(true, installed, differences);
    }
}
