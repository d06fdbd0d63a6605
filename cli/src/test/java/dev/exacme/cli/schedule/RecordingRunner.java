package dev.exacme.cli.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every command in order and answers with a canned result (exit 0, no output, unless told). */
final class RecordingRunner implements CommandRunner {

    private final List<String> commands = new ArrayList<>();
    private final Map<String, Result> answers = new HashMap<>();

    /** The answer to {@code command} (its words joined by spaces) from now on. */
    RecordingRunner answer(String command, int exitCode, String output) {
        answers.put(command, new Result(exitCode, output));
        return this;
    }

    @Override
    public Result run(List<String> command) {
        var line = String.join(" ", command);
        commands.add(line);
        return answers.getOrDefault(line, new Result(0, ""));
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    void clear() {
        commands.clear();
    }
}
