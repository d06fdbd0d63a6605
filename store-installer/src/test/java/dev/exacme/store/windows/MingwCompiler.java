package dev.exacme.store.windows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * The mingw-w64 x64 cross compiler, through which tests check Windows constants against the
 * Windows SDK headers Debian ships ({@code mingw-w64-common}). Missing: skipped locally,
 * failed on CI.
 */
public final class MingwCompiler {

    /** The compiler's path. */
    public static final Path COMPILER = Path.of("/usr/bin/x86_64-w64-mingw32-gcc");
    /** objcopy of the same toolchain, which takes a section out of an object file. */
    public static final Path OBJCOPY = Path.of("/usr/bin/x86_64-w64-mingw32-objcopy");

    private MingwCompiler() {
    }

    /** What a compiler run printed and returned. */
    public record Result(int exit, String output) {
    }

    /** Aborts (or fails, on CI) when the compiler is not installed. */
    public static void require() {
        for (var tool : List.of(COMPILER, OBJCOPY)) {
            if (!Files.isExecutable(tool)) {
                var hint = tool + " is missing: apt-get install gcc-mingw-w64-x86-64-win32 mingw-w64-common";
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException(hint);
                }
                throw new TestAbortedException(hint);
            }
        }
    }

    /** Runs the compiler with {@code arguments}. */
    public static Result run(String... arguments) throws IOException, InterruptedException {
        return run(COMPILER, arguments);
    }

    private static Result run(Path tool, String... arguments) throws IOException, InterruptedException {
        require();
        var command = new ArrayList<String>(List.of(tool.toString()));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }

    /**
     * Compiles one {@code _Static_assert} per entry (C expression → expected value, compared
     * as the signed or unsigned reading of the 32-bit value) after {@code headers}.
     */
    public static Result assertValues(Path directory, String headers, Map<String, Integer> values)
            throws IOException, InterruptedException {
        var source = new StringBuilder(headers);
        values.forEach((expression, value) -> source.append("_Static_assert((").append(expression).append(") == ")
                .append(value).append("LL || (").append(expression).append(") == ")
                .append(Integer.toUnsignedLong(value)).append("LL, \"").append(expression.replace("\"", ""))
                .append(" is not 0x").append(Integer.toHexString(value)).append("\");\n"));
        var file = Files.writeString(directory.resolve("values.c"), source);
        return run("-fsyntax-only", "-std=c11", file.toString());
    }

    /**
     * The bytes of section {@code .exacme} of {@code source} compiled for x64 Windows: what the
     * compiler lays out for a constant placed there with
     * {@code __attribute__((section(".exacme"), used))}, followed by the section's padding.
     */
    public static byte[] sectionBytes(Path directory, String name, String source)
            throws IOException, InterruptedException {
        var file = Files.writeString(directory.resolve(name + ".c"), source);
        var object = directory.resolve(name + ".o");
        var compiled = run("-c", "-std=c11", "-Wall", "-Werror", "-o", object.toString(), file.toString());
        if (compiled.exit() != 0) {
            throw new AssertionError("does not compile:\n" + compiled.output());
        }
        var binary = directory.resolve(name + ".bin");
        var copied = run(OBJCOPY, "-O", "binary", "-j", ".exacme", object.toString(), binary.toString());
        if (copied.exit() != 0) {
            throw new AssertionError("objcopy failed:\n" + copied.output());
        }
        return Files.readAllBytes(binary);
    }
}
