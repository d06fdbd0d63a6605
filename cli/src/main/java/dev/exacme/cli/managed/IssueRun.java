package dev.exacme.cli.managed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One {@code exacme issue} run for a managed certificate, exactly as a person would run it,
 * with its JSON result captured and its progress passed on with the certificate's name in
 * front. Reusing the command keeps one pipeline for issue, install and deploy.
 *
 * @param exitCode the issue command's exit code
 * @param issued   the issue result document, if it got that far
 * @param deployed the deployment document, when it deployed
 * @param error    the error document, when it failed
 */
record IssueRun(int exitCode, Optional<JsonNode> issued, Optional<JsonNode> deployed, Optional<JsonNode> error) {

    /**
     * Runs {@code exacme issue ARGUMENTS --config-dir DIR --json [--replaces PEM]}, with secret
     * references turned into files for the length of the run.
     */
    static IssueRun run(Path configDirectory, List<String> issueArguments, Optional<Path> replaces,
                        Consumer<String> progress, String prefix) {
        try (var secrets = SecretArguments.materialize(issueArguments, configDirectory)) {
            return runResolved(configDirectory, secrets.arguments(), replaces, progress, prefix);
        } catch (dev.exacme.acme.failure.InvalidRequest | IOException e) {
            var error = ManagedCertificates.JSON.createObjectNode();
            error.put("status", "error");
            error.put("kind", "usage");
            error.put("message", e.getMessage());
            progress.accept(prefix + "exacme: " + e.getMessage());
            return new IssueRun(2, Optional.empty(), Optional.empty(), Optional.of(error));
        }
    }

    /** Runs with arguments whose secret references are already files. */
    static IssueRun runResolved(Path configDirectory, List<String> issueArguments, Optional<Path> replaces,
                                        Consumer<String> progress, String prefix) {
        var arguments = new ArrayList<String>(List.of("issue"));
        arguments.addAll(issueArguments);
        arguments.addAll(List.of("--config-dir", configDirectory.toString(), "--json"));
        replaces.ifPresent(file -> arguments.addAll(List.of("--replaces", file.toString())));
        var out = new StringWriter();
        var err = new PrintWriter(new PrefixedLines(progress, prefix), true);
        var code = Main.run(arguments.toArray(String[]::new), new PrintWriter(out, true), err);
        err.flush();
        var documents = new ArrayList<JsonNode>();
        try (var values = ManagedCertificates.JSON.readerFor(JsonNode.class).<JsonNode>readValues(out.toString())) {
            values.forEachRemaining(documents::add);
        } catch (IOException | RuntimeException e) {
            // Output that is not JSON: the exit code and the progress lines are all there is.
        }
        var errorDocument = documents.stream().filter(document -> "error".equals(document.path("status").asText()))
                .findFirst();
        var issued = documents.stream().filter(document -> "issued".equals(document.path("status").asText()))
                .findFirst();
        var deployed = documents.stream().filter(document -> document.has("outcome")).findFirst();
        return new IssueRun(code, issued, deployed, errorDocument);
    }

    /** What failed, in words. */
    String message() {
        return error.map(document -> document.path("message").asText()).or(() -> deployed
                .filter(document -> !"deployed".equals(document.path("outcome").asText()))
                .map(document -> document.path("failure").asText("not deployed"))).orElse("exit code " + exitCode);
    }

    /** The failure's kind as the exit codes name it ({@code ca-refused}, {@code network}...). */
    String step() {
        return error.map(document -> document.path("kind").asText()).orElse(deployed.isPresent() ? "deploy" : "");
    }

    /** Passes whole lines on with a prefix, so that concurrent renewals stay readable. */
    private static final class PrefixedLines extends Writer {
        private final Consumer<String> target;
        private final String prefix;
        private final StringBuilder line = new StringBuilder();

        PrefixedLines(Consumer<String> target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (var i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    target.accept(prefix + line);
                    line.setLength(0);
                } else if (buffer[i] != '\r') {
                    line.append(buffer[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
