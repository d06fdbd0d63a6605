package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Durations in words, the launcher lookup, the schedule's own rules, output decoding. */
class SmallPartsTest {

    @Test
    void durationsInWordsGoBothWays() {
        assertEquals("4h", DurationWords.of(Duration.ofHours(4)));
        assertEquals("1h 30min", DurationWords.of(Duration.ofMinutes(90)));
        assertEquals("2h 0min 5s".replace(" 0min", ""), DurationWords.of(Duration.ofSeconds(7205)));
        assertEquals("0", DurationWords.of(Duration.ZERO));
        for (var text : List.of("4h", "1h 30min", "2h 5s", "45s", "0")) {
            assertEquals(text, DurationWords.of(DurationWords.parse(text).orElseThrow()), text);
        }
        assertEquals(Optional.of(Duration.ofHours(4)), DurationWords.parse("14400"));
        assertEquals(Optional.of(Duration.ofMinutes(150)), DurationWords.parse("2h30min"));
        assertEquals(Optional.of(Duration.ofHours(2)), DurationWords.parse("2 hours"));
        assertEquals(Optional.empty(), DurationWords.parse("soon"));
        assertEquals(Optional.empty(), DurationWords.parse("4h x"));
    }

    @Test
    void theLauncherIsFoundNextToTheJar() {
        assertEquals(Path.of("/opt/exacme/exacme"), Launcher.besideJar(Path.of("/opt/exacme/exacme.jar"), false));
        assertEquals(Path.of("/opt/exacme/exacme.cmd"), Launcher.besideJar(Path.of("/opt/exacme/exacme.jar"), true));
        // Jackson comes from a jar in the local repository; these classes (and picocli's) from target/classes.
        var jackson = Launcher.jarOf(com.fasterxml.jackson.databind.ObjectMapper.class).orElseThrow();
        assertTrue(jackson.getFileName().toString().startsWith("jackson-databind-"), jackson.toString());
        assertEquals(Optional.empty(), Launcher.jarOf(Launcher.class));
    }

    @Test
    void theScheduleKeepsItsOwnRules() {
        assertThrows(IllegalArgumentException.class, () -> new RenewalSchedule(LocalTime.NOON, Duration.ofHours(-1),
                Duration.ofHours(2), "/opt/exacme/exacme", List.of("renew")));
        assertThrows(IllegalArgumentException.class, () -> new RenewalSchedule(LocalTime.NOON, Duration.ZERO,
                Duration.ofSeconds(59), "/opt/exacme/exacme", List.of("renew")));
        assertThrows(IllegalArgumentException.class, () -> new RenewalSchedule(LocalTime.NOON, Duration.ZERO,
                Duration.ofHours(2), "/opt/exacme/exacme", List.of("renew", "--config-dir", "/a\nb")));
        var schedule = RenewalSchedule.of(LocalTime.of(9, 0, 30), Duration.ZERO, Duration.ofHours(2),
                "/opt/exacme/exacme", Optional.of(Path.of("/srv/state")));
        assertEquals(LocalTime.of(9, 0), schedule.time());
        assertEquals(List.of("/opt/exacme/exacme", "renew", "--quiet", "--config-dir", "/srv/state"),
                schedule.commandLine());
    }

    @Test
    void windowsOutputWithAByteOrderMarkIsUtf16() {
        var bytes = "\ufeff<Task/>".getBytes(StandardCharsets.UTF_16LE);
        Supplier<Charset> never = () -> {
            throw new AssertionError("the console's code page is not needed");
        };
        assertEquals("<Task/>", ProcessCommandRunner.decode(bytes, never));
        assertEquals("plain", ProcessCommandRunner.decode("plain".getBytes(StandardCharsets.US_ASCII), never));
    }

    @Test
    void consoleOutputIsReadInTheCodePageTheRunnerIsGiven() throws Exception {
        // A real process writing code page 850 bytes, as a French schtasks does: é is 0x82, not UTF-8.
        var asked = new AtomicInteger();
        var runner = new ProcessCommandRunner(() -> {
            asked.incrementAndGet();
            return Charset.forName("IBM850");
        });
        var script = "printf 'ERREUR : Le fichier sp\\202cifi\\202 est introuvable.'";
        assertEquals(new CommandRunner.Result(0, "ERREUR : Le fichier spécifié est introuvable."),
                runner.run(List.of("/bin/sh", "-c", script)));
        assertEquals(new CommandRunner.Result(0, "ASCII only"), runner.run(List.of("/bin/sh", "-c", "printf 'ASCII only'")));
        assertEquals(1, asked.get(), "found once, and only when some output needs it");
        // The platform's encoding (UTF-8 here), which exacme used before, cannot read it.
        assertEquals("ERREUR : Le fichier sp\ufffdcifi\ufffd est introuvable.",
                CommandRunner.processes().run(List.of("/bin/sh", "-c", script)).output());
    }

    @Test
    void theRealRunnerRunsWithoutInput() throws Exception {
        var result = CommandRunner.processes().run(List.of("/bin/sh", "-c", "cat; echo done; exit 3"));
        assertEquals(new CommandRunner.Result(3, "done\n"), result);
    }
}
