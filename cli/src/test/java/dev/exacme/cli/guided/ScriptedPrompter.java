package dev.exacme.cli.guided;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A {@link Prompter} over a reader and a writer, for the interview's tests: the answers are the
 * reader's lines, and the transcript is what a person would see, with each answer typed shown
 * after its prompt except secrets, which a terminal does not echo.
 */
final class ScriptedPrompter implements Prompter {

    private final BufferedReader answers;
    private final StringWriter transcript = new StringWriter();
    private final PrintWriter out = new PrintWriter(transcript, true);

    ScriptedPrompter(String... lines) {
        this.answers = new BufferedReader(new StringReader(String.join("\n", lines) + (lines.length == 0 ? "" : "\n")));
    }

    @Override
    public void say(String text) {
        out.println(text);
    }

    @Override
    public Optional<String> line(String prompt) {
        out.print(prompt);
        var answer = read();
        out.println(answer.orElse("^D"));
        return answer;
    }

    @Override
    public Optional<char[]> secret(String prompt) {
        out.print(prompt);
        var answer = read();
        out.println(answer.isPresent() ? "" : "^D");
        return answer.map(String::toCharArray);
    }

    private Optional<String> read() {
        try {
            return Optional.ofNullable(answers.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String transcript() {
        return transcript.toString();
    }
}
