package dev.exacme.cli.schedule;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the command as a process with no input (so that a tool waiting for an answer gets
 * end of file instead of hanging a scheduled run) and collects its output.
 */
final class ProcessCommandRunner implements CommandRunner {

    @Override
    public Result run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        try {
            return new Result(process.waitFor(), decode(output));
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
        }
    }

    /**
     * Windows tools write either UTF-16 LE (with a byte order mark) or the console's code page;
     * everything else writes the platform's encoding.
     */
    static String decode(byte[] output) {
        if (output.length >= 2 && (output[0] & 0xff) == 0xff && (output[1] & 0xff) == 0xfe) {
            return new String(Arrays.copyOfRange(output, 2, output.length), StandardCharsets.UTF_16LE);
        }
        var nativeEncoding = System.getProperty("native.encoding");
        var charset = nativeEncoding != null && Charset.isSupported(nativeEncoding) ? Charset.forName(nativeEncoding)
                : Charset.defaultCharset();
        return new String(output, charset);
    }
}
