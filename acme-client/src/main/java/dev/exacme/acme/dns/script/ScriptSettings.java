package dev.exacme.acme.dns.script;

import java.time.Duration;
import java.util.List;

/**
 * A program of the administrator's that creates and removes TXT records.
 *
 * @param command the program and its leading arguments; exacme appends
 *                {@code present|cleanup NAME VALUE}
 * @param timeout how long one call may take before it is killed
 */
public record ScriptSettings(List<String> command, Duration timeout) {

    public ScriptSettings {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a script command is required");
        }
    }
}
