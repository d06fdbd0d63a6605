package dev.exacme.acme.dns.script;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the administrator's program as {@code COMMAND present|cleanup NAME VALUE}, NAME being
 * the record's name without the trailing dot. The same values are in the environment:
 * {@code EXACME_DNS_ACTION}, {@code EXACME_DNS_NAME}, {@code EXACME_DNS_VALUE},
 * {@code EXACME_DNS_ZONE} and {@code EXACME_DNS_RELATIVE_NAME} (the name inside the zone,
 * as {@code dnscmd /RecordAdd} wants it). Exit code 0 means done.
 */
public final class ScriptProvider implements DnsProvider {

    private static final int OUTPUT_LINES_SHOWN = 10;

    private final ScriptSettings settings;

    public ScriptProvider(ScriptSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "script";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        run("present", record);
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        run("cleanup", record);
    }

    private void run(String action, ChallengeRecord record) throws IOException {
        var command = new ArrayList<>(settings.command());
        command.addAll(List.of(action, record.fqdn(), record.value()));
        var output = Files.createTempFile("exacme-dns-script-", ".log");
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice())));
            var environment = builder.environment();
            environment.put("EXACME_DNS_ACTION", action);
            environment.put("EXACME_DNS_NAME", record.fqdn());
            environment.put("EXACME_DNS_VALUE", record.value());
            environment.put("EXACME_DNS_ZONE", record.zoneName());
            environment.put("EXACME_DNS_RELATIVE_NAME", record.relativeName());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("script: cannot start " + settings.command().get(0) + " (" + e.getMessage()
                        + "); check --dns-script.", e);
            }
            boolean finished;
            try {
                finished = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("script: interrupted while running " + action, e);
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("script: '" + action + " " + record.fqdn() + "' did not finish within "
                        + settings.timeout().toSeconds() + " s and was stopped; raise --dns-script-timeout."
                        + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IOException("script: '" + action + " " + record.fqdn() + "' failed with exit code "
                        + process.exitValue() + "." + tail(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(java.nio.file.Path output) throws IOException {
        var lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return " It printed nothing.";
        }
        var shown = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size());
        return " Its last output:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", shown);
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
