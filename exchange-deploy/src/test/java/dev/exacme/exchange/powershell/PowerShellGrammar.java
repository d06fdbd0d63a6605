package dev.exacme.exchange.powershell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * An independent PowerShell grammar for tests: the npm package {@code tree-sitter-powershell}
 * (0.26.4) run by {@code web-tree-sitter} (0.27.2) under {@code node}, both installed by
 * {@code scripts/need-npm.sh} into the directory the build passes as system property
 * {@code exacme.npm.tools}. {@code src/test/resources/powershell-grammar/parse.mjs} parses
 * each script and reports the tree's ERROR and MISSING nodes and the commands it calls.
 *
 * <p>This class reads texts exactly as given; {@link GrammarWorkarounds} holds the only two
 * changes made before the grammar sees a generated script. Missing tools skip the tests with
 * an install hint, except under {@code CI=true}, where they fail: CI must never pass by skipping.
 */
public final class PowerShellGrammar {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PARSER = Path.of("src/test/resources/powershell-grammar/parse.mjs").toAbsolutePath();
    /** Where the texts are written for the parser, and stay for a person to read when one fails. */
    private static final Path WORK = Path.of("target/powershell-grammar").toAbsolutePath();

    /** One ERROR or MISSING node: where it starts (1-based) and what it covers (or what is missing). */
    public record Problem(String kind, int line, int column, String text) {
        @Override
        public String toString() {
            return kind + " at " + line + ":" + column + " " + text;
        }
    }

    /**
     * What the grammar made of one text.
     *
     * @param file     where the text was written
     * @param errors   the tree's ERROR and MISSING nodes, empty when it parses
     * @param commands the name of every command the tree calls, in order
     */
    public record Reading(Path file, List<Problem> errors, List<String> commands) {
        /** Whether the tree has neither ERROR nor MISSING nodes. */
        public boolean parses() {
            return errors.isEmpty();
        }
    }

    private PowerShellGrammar() {
    }

    /** The npm tools directory, or a skip (a failure under {@code CI=true}) saying how to install it. */
    public static Path require() {
        var property = System.getProperty("exacme.npm.tools");
        var tools = property == null ? null : Path.of(property);
        if (tools == null || !Files.isRegularFile(tools.resolve("web-tree-sitter/web-tree-sitter.js"))
                || !Files.isRegularFile(tools.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"))) {
            unavailable("the PowerShell grammar (npm tree-sitter-powershell with web-tree-sitter) is not in "
                    + (tools == null ? "the directory of system property exacme.npm.tools (not set)" : tools)
                    + ": run bash scripts/need-npm.sh (it needs node and npm: apt-get install nodejs npm)");
        }
        if (node().isEmpty()) {
            unavailable("node is not on the PATH, and the PowerShell grammar runs under it: apt-get install nodejs");
        }
        return tools;
    }

    /** The grammar's version, for messages. */
    public static String version() throws IOException {
        var json = JSON.readTree(require().resolve("tree-sitter-powershell/package.json").toFile());
        return "tree-sitter-powershell " + json.path("version").asText("?");
    }

    static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI=true: these tests must run)");
        }
        throw new TestAbortedException(why);
    }

    private static Optional<Path> node() {
        for (var directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (var name : List.of("node", "node.exe")) {
                var candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Parses one text as it is. */
    public static Reading parse(String name, String text) throws IOException, InterruptedException {
        return parse(List.of(new Named(name, text))).get(0);
    }

    /** A text and the file name (without extension) it is written under. */
    public record Named(String name, String text) {
    }

    /** Parses each text as it is, with one run of the parser; the readings in the same order. */
    public static List<Reading> parse(List<Named> texts) throws IOException, InterruptedException {
        var tools = require();
        Files.createDirectories(WORK);
        var directory = Files.createTempDirectory(WORK, "run-");
        var files = new ArrayList<Path>();
        for (var i = 0; i < texts.size(); i++) {
            var name = texts.get(i).name().replaceAll("[^A-Za-z0-9._-]", "_");
            var file = directory.resolve("%05d-%s.ps1".formatted(i, name.length() > 120 ? name.substring(0, 120) : name));
            // UTF-8 without BOM: the BOM is PowerShell's encoding mark, decoded before this point.
            Files.writeString(file, texts.get(i).text(), StandardCharsets.UTF_8);
            files.add(file);
        }
        // --liftoff-only: V8's baseline compiler alone. Without it node spends seconds optimising
        // the grammar's large WebAssembly parser, even at exit, for nothing a test needs.
        var command = new ArrayList<>(List.of(node().orElseThrow().toString(), "--liftoff-only", PARSER.toString(),
                tools.toString(), directory.toString()));
        var output = directory.resolve("readings.jsonl");
        var log = directory.resolve("parser.log");
        var process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the PowerShell grammar did not finish within 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the PowerShell grammar failed (exit " + process.exitValue() + "): "
                    + Files.readString(log));
        }
        var byFile = new HashMap<Path, Reading>();
        for (var line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            var node = JSON.readTree(line);
            var errors = new ArrayList<Problem>();
            for (JsonNode error : node.path("errors")) {
                errors.add(new Problem(error.path("kind").asText(), error.path("line").asInt(),
                        error.path("column").asInt(), error.path("text").asText()));
            }
            var commands = new ArrayList<String>();
            node.path("commands").forEach(name -> commands.add(name.asText()));
            var file = Path.of(node.path("file").asText());
            byFile.put(file, new Reading(file, List.copyOf(errors), List.copyOf(commands)));
        }
        var readings = new ArrayList<Reading>();
        for (var file : files) {
            var reading = byFile.get(file);
            if (reading == null) {
                throw new IllegalStateException("the PowerShell grammar said nothing about " + file);
            }
            readings.add(reading);
        }
        return readings;
    }
}
