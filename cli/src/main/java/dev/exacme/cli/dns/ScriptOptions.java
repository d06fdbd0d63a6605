package dev.exacme.cli.dns;

import dev.exacme.lifecycle.spec.DnsProviderSpec;
import dev.exacme.cli.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the {@code script} provider. */
public final class ScriptOptions {

    @Option(names = "--dns-script", paramLabel = "PROGRAM",
            description = "script: the program to run as PROGRAM [ARGS] present|cleanup NAME VALUE.")
    private String program;

    @Option(names = "--dns-script-arg", paramLabel = "ARG",
            description = "script: an argument placed before present|cleanup (e.g. -File C:\\dns.ps1). Repeatable.")
    private List<String> arguments = new ArrayList<>();

    @Option(names = "--dns-script-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "2m", description = "script: longest run of one call. Default: ${DEFAULT-VALUE}.")
    private Duration timeout = Duration.ofMinutes(2);

    DnsProviderSpec spec() {
        return new DnsProviderSpec.Script(program, arguments, timeout);
    }
}
