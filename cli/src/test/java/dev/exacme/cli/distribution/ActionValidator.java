package dev.exacme.cli.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * {@code @action-validator/cli} (npm, pinned by {@code scripts/need-npm.sh} into
 * {@code .tools/npm}, found through the system property {@code exacme.npm.tools}) run with
 * node: it checks a GitHub Actions workflow against the workflow schema and exits non-zero on
 * an invalid file. Missing (or node missing): skipped locally with how to install it, failed
 * under {@code CI=true}, as the other external-tool tests do.
 */
final class ActionValidator {

    /** What a run printed and returned. */
    record Result(int exit, String output) {
    }

    private ActionValidator() {
    }

    static Path script() {
        var tools = Optional.ofNullable(System.getProperty("exacme.npm.tools")).map(Path::of)
                .orElse(RepositoryRoot.find().resolve(".tools/npm/node_modules"));
        var script = tools.resolve("@action-validator/cli/cli.mjs");
        var node = node();
        if (!Files.isRegularFile(script) || node.isEmpty()) {
            var hint = (node.isEmpty() ? "node is not installed (apt-get install nodejs npm); " : "")
                    + script + (Files.isRegularFile(script) ? " is there" : " is missing")
                    + ": run scripts/need-npm.sh";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(hint + " (CI=true: the workflow must be validated)");
            }
            throw new TestAbortedException(hint);
        }
        return script;
    }

    static Result validate(Path workflow) throws IOException, InterruptedException {
        var script = script();
        var process = new ProcessBuilder(node().orElseThrow().toString(), script.toString(), workflow.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("action-validator did not finish within 120 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static Optional<Path> node() {
        var path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (var directory : path.split(java.io.File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            var candidate = Path.of(directory, "node");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
