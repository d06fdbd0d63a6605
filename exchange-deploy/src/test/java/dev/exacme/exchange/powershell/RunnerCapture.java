package dev.exacme.exchange.powershell;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A real {@link PowerShellRunner} whose {@code powershell.exe} is
 * {@code src/test/resources/powershell-grammar/capture-powershell.sh}, which records what the
 * runner passes: the {@code -EncodedCommand} argument, or the bytes of the {@code .ps1} it
 * wrote for {@code -File}. Decoded here as Windows PowerShell 5.1 decodes them, so the texts
 * are the wrapped scripts PowerShell would parse: prelude, error handling and
 * {@code ConvertTo-Json} included, nothing reconstructed.
 */
public final class RunnerCapture {

    private static final Path STAND_IN = Path.of("src/test/resources/powershell-grammar/capture-powershell.sh")
            .toAbsolutePath();
    private static final Path SHELL = Path.of("/bin/sh");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** How the runner passed a script. */
    public enum Mode {
        /** {@code -EncodedCommand}: Base64 of UTF-16LE on the command line. */
        ENCODED_COMMAND,
        /** {@code -File}: a temporary {@code .ps1}, UTF-8 with BOM. */
        FILE
    }

    /** One script as the runner passed it, decoded. */
    public record Passed(Mode mode, String text) {
    }

    private final Path log;

    /** Records into a new file of {@code directory}. */
    public RunnerCapture(Path directory) throws IOException {
        if (!Files.isExecutable(SHELL) || !Files.isExecutable(Path.of("/usr/bin/base64"))
                && !Files.isExecutable(Path.of("/bin/base64"))) {
            PowerShellGrammar.unavailable("/bin/sh and base64 stand in for powershell.exe here, and are missing");
        }
        Files.createDirectories(directory);
        this.log = Files.createTempFile(directory, "passed-", ".log");
    }

    /** A runner that records instead of running. */
    public PowerShellRunner runner() {
        return new PowerShellRunner(List.of(SHELL.toString(), STAND_IN.toString(), log.toString()),
                Duration.ofSeconds(60));
    }

    /** What the runner passed since the last call, in order. */
    public List<Passed> take() throws IOException {
        var passed = new ArrayList<Passed>();
        for (var line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
            var value = line.substring(2);
            if (line.startsWith("E ")) {
                passed.add(new Passed(Mode.ENCODED_COMMAND,
                        strict(StandardCharsets.UTF_16LE, Base64.getDecoder().decode(value))));
            } else if (line.startsWith("F ")) {
                var bytes = Base64.getDecoder().decode(value);
                // Without a BOM, Windows PowerShell 5.1 reads a .ps1 in the ANSI code page, and a
                // typographic quote in a value would no longer be the character quoted.
                if (bytes.length < 3 || !Arrays.equals(Arrays.copyOf(bytes, 3), UTF8_BOM)) {
                    throw new AssertionError("the runner wrote a .ps1 without a UTF-8 BOM");
                }
                passed.add(new Passed(Mode.FILE,
                        strict(StandardCharsets.UTF_8, Arrays.copyOfRange(bytes, 3, bytes.length))));
            } else {
                throw new IllegalStateException("not a line of the stand-in: " + line);
            }
        }
        Files.writeString(log, "");
        return passed;
    }

    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
