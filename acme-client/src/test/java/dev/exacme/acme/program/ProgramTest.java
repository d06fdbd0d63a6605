package dev.exacme.acme.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running real programs (sh): environment, output, timeout and interruption. */
class ProgramTest {

    @TempDir
    Path temp;

    private List<String> sh(String body) throws IOException {
        return List.of("/bin/sh", Files.writeString(temp.resolve("program.sh"), body).toString());
    }

    @Test
    void setsItsVariablesWithholdsTheNamedOnesAndReadsNothing() throws Exception {
        assertNotNull(System.getenv("PATH"), "the test needs an inherited PATH");
        var result = new Program(sh("read line; echo \"read=$? ${PATH:+path} ${SET_HERE} [${HOME-withheld}]\"\n"),
                Map.of("SET_HERE", "set here"), Set.of("HOME"), Duration.ofSeconds(10)).run();

        var exited = assertInstanceOf(ProgramResult.Exited.class, result);
        assertEquals(0, exited.exitCode());
        assertEquals(List.of("read=1 path set here [withheld]"), exited.lastOutput(), "stdin is the null device");
    }

    @Test
    void keepsTheLastLinesOfMuchOutputCleaned() throws Exception {
        // 2 MB on stderr, an invalid UTF-8 byte, an escape sequence, a line far too long
        var result = new Program(sh("i=0; while [ $i -lt 20000 ]; do echo \"noise $i ............................"
                + "...................................................................\" >&2; i=$((i+1)); done\n"
                + "printf 'bad \\377 byte\\n'\nprintf 'colour \\033[31mred\\n'\n"
                + "head -c 5000 /dev/zero | tr '\\0' x; echo\necho last\nexit 4\n"),
                Map.of(), Set.of(), Duration.ofSeconds(60)).run();

        var exited = assertInstanceOf(ProgramResult.Exited.class, result);
        assertEquals(4, exited.exitCode());
        var lines = exited.lastOutput();
        assertEquals(Program.OUTPUT_LINES_SHOWN, lines.size(), lines.toString());
        assertEquals("last", lines.get(9));
        assertTrue(lines.get(8).startsWith("xxxx") && lines.get(8).endsWith(" ...") && lines.get(8).length() < 500,
                lines.get(8));
        assertEquals("colour ?[31mred", lines.get(7));
        assertEquals("bad \uFFFD byte", lines.get(6));
        assertEquals("noise 19999", lines.get(5).substring(0, 11));
        assertTrue(exited.outputText().startsWith(" Its last output:" + System.lineSeparator() + "  noise 19994"),
                exited.outputText());
    }

    @Test
    void aProgramPastItsTimeoutIsStoppedWithWhatItStarted() throws Exception {
        var child = temp.resolve("child.pid");
        var started = System.nanoTime();
        var result = new Program(sh("sleep 60 &\necho $! > '" + child + "'\necho waiting\nwait\n"), Map.of(),
                Set.of(), Duration.ofMillis(700)).run();

        var timedOut = assertInstanceOf(ProgramResult.TimedOut.class, result);
        assertEquals(List.of("waiting"), timedOut.lastOutput());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "stopped, not waited out");
        assertTrue(Processes.gone(Long.parseLong(Files.readString(child).trim())), "the sleep it started is gone");
    }

    @Test
    void anInterruptedRunStopsTheProgramAndSaysSo() throws Exception {
        var pid = temp.resolve("program.pid");
        var command = sh("echo $$ > '" + pid + "'\nsleep 60\n");
        var thrown = new AtomicReference<Throwable>();
        var runner = new Thread(() -> {
            try {
                new Program(command, Map.of(), Set.of(), Duration.ofSeconds(60)).run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        runner.start();
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the program did not start");
            Thread.sleep(20);
        }
        runner.interrupt();
        runner.join(Duration.ofSeconds(10).toMillis());

        assertFalse(runner.isAlive());
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertTrue(Processes.gone(Long.parseLong(Files.readString(pid).trim())));
    }

    @Test
    void aProgramThatCannotBeStartedSaysWhy() {
        var missing = temp.resolve("missing-program").toString();
        var failure = assertThrows(ProgramNotStarted.class,
                () -> new Program(List.of(missing), Map.of(), Set.of(), Duration.ofSeconds(1)).run());
        assertTrue(failure.getMessage().contains(missing), failure.getMessage());
    }
}
