package dev.exacme.cli.schedule;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Starts the command as a process with no input (so that a tool waiting for an answer gets
 * end of file instead of hanging a scheduled run) and collects its output.
 */
final class ProcessCommandRunner implements CommandRunner {

    private final Supplier<Charset> charset;
    private Charset found;

    /**
     * @param charset the encoding of output without a byte order mark, asked for only when
     *                some output is not plain ASCII (on Windows finding it starts chcp)
     */
    ProcessCommandRunner(Supplier<Charset> charset) {
        this.charset = charset;
    }

    @Override
    public Result run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        try {
            return new Result(process.waitFor(), decode(output, this::charset));
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
        }
    }

    private synchronized Charset charset() {
        if (found == null) {
            found = charset.get();
        }
        return found;
    }

    /**
     * Windows tools write either UTF-16 LE (with a byte order mark) or their console's code
     * page; everything else writes the platform's encoding. ASCII reads the same in all of
     * them, so {@code charset} is only asked for other bytes.
     */
    static String decode(byte[] output, Supplier<Charset> charset) {
        if (output.length >= 2 && (output[0] & 0xff) == 0xff && (output[1] & 0xff) == 0xfe) {
            return new String(Arrays.copyOfRange(output, 2, output.length), StandardCharsets.UTF_16LE);
        }
        for (var b : output) {
            if (b < 0) {
                return new String(output, charset.get());
            }
        }
        return new String(output, StandardCharsets.US_ASCII);
    }

    /** The platform's encoding ({@code native.encoding}), which Linux tools write. */
    static Charset platform() {
        var nativeEncoding = System.getProperty("native.encoding");
        return nativeEncoding != null && Charset.isSupported(nativeEncoding) ? Charset.forName(nativeEncoding)
                : Charset.defaultCharset();
    }
}
