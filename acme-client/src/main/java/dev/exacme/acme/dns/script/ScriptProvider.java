package dev.exacme.acme.dns.script;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.program.Program;
import dev.exacme.acme.program.ProgramNotStarted;
import dev.exacme.acme.program.ProgramResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the administrator's program as {@code COMMAND present|cleanup NAME VALUE}, NAME being
 * the record's name without the trailing dot. The same values are in the environment:
 * {@code EXACME_DNS_ACTION}, {@code EXACME_DNS_NAME}, {@code EXACME_DNS_VALUE},
 * {@code EXACME_DNS_ZONE} and {@code EXACME_DNS_RELATIVE_NAME} (the name inside the zone,
 * as {@code dnscmd /RecordAdd} wants it). Exit code 0 means done. The program is run, stopped
 * at its timeout and its last output shown by {@link Program}.
 */
public final class ScriptProvider implements DnsProvider {

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
        var environment = Map.of("EXACME_DNS_ACTION", action, "EXACME_DNS_NAME", record.fqdn(),
                "EXACME_DNS_VALUE", record.value(), "EXACME_DNS_ZONE", record.zoneName(),
                "EXACME_DNS_RELATIVE_NAME", record.relativeName());
        ProgramResult result;
        try {
            result = new Program(command, environment, Set.of(), settings.timeout()).run();
        } catch (ProgramNotStarted e) {
            throw new IOException("script: cannot start " + settings.command().get(0) + " (" + e.getMessage()
                    + "); check --dns-script.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("script: interrupted while running " + action, e);
        }
        if (result instanceof ProgramResult.TimedOut) {
            throw new IOException("script: '" + action + " " + record.fqdn() + "' did not finish within "
                    + settings.timeout().toSeconds() + " s and was stopped; raise --dns-script-timeout."
                    + result.outputText());
        }
        var exitCode = ((ProgramResult.Exited) result).exitCode();
        if (exitCode != 0) {
            throw new IOException("script: '" + action + " " + record.fqdn() + "' failed with exit code "
                    + exitCode + "." + result.outputText());
        }
    }
}
