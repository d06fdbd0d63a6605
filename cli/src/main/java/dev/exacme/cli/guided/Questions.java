package dev.exacme.cli.guided;

import dev.exacme.acme.failure.InvalidRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of question the guided setup asks, over a {@link Prompter}: a required answer
 * (re-asked with the reason while it is refused), an optional one, a choice, yes or no, a secret.
 */
final class Questions {

    /** Checks an answer and gives what it stands for, or refuses it with the reason. */
    @FunctionalInterface
    interface Check<T> {
        T accept(String answer) throws InvalidRequest;
    }

    private final Prompter prompter;

    Questions(Prompter prompter) {
        this.prompter = prompter;
    }

    void say(String text) {
        prompter.say(text);
    }

    /** An answer that must be given; {@code proposal}, when there is one, is taken for an empty answer. */
    <T> T required(String question, Optional<String> proposal, Check<T> check) throws SetupStopped {
        var prompt = question + proposal.map(value -> " [" + value + "]").orElse("") + ": ";
        while (true) {
            var answer = read(prompt).strip();
            if (answer.isEmpty() && proposal.isPresent()) {
                answer = proposal.get();
            }
            if (answer.isEmpty()) {
                throw new SetupStopped("no answer to '" + question + "'");
            }
            try {
                return check.accept(answer);
            } catch (InvalidRequest refused) {
                prompter.say("  " + refused.getMessage());
            }
        }
    }

    /** An answer that may be left empty (then empty). */
    <T> Optional<T> optional(String question, Check<T> check) throws SetupStopped {
        while (true) {
            var answer = read(question + ": ").strip();
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(check.accept(answer));
            } catch (InvalidRequest refused) {
                prompter.say("  " + refused.getMessage());
            }
        }
    }

    /** One of {@code choices} (typed in full, or by its number), {@code fallback} for an empty answer. */
    String choice(String question, List<String> choices, String fallback) throws SetupStopped {
        return required(question + " (" + String.join(", ", choices) + ")", Optional.ofNullable(fallback), answer -> {
            var typed = answer.toLowerCase(Locale.ROOT);
            for (var i = 0; i < choices.size(); i++) {
                if (choices.get(i).equals(typed) || String.valueOf(i + 1).equals(typed)) {
                    return choices.get(i);
                }
            }
            throw new InvalidRequest("'" + answer + "' is not one of " + String.join(", ", choices) + ".");
        });
    }

    /** Yes only for y or yes; anything else, and an empty answer, is no. */
    boolean yes(String question) throws SetupStopped {
        var answer = read(question + " [y/N]: ").strip().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    /** A secret, never shown; an empty one stops. */
    char[] secret(String question) throws SetupStopped {
        var value = prompter.secret(question + " (not shown): ")
                .orElseThrow(() -> new SetupStopped("input ended"));
        if (value.length == 0 || new String(value).isBlank()) {
            throw new SetupStopped("no answer to '" + question + "'");
        }
        return value;
    }

    private String read(String prompt) throws SetupStopped {
        return prompter.line(prompt).orElseThrow(() -> new SetupStopped("input ended"));
    }
}
