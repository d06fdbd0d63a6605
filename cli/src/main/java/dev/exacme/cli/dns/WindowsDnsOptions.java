package dev.exacme.cli.dns;

import dev.exacme.cli.DurationConverter;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the {@code windows} provider (Windows DNS Server through the DnsServer PowerShell module). */
public final class WindowsDnsOptions {

    @Option(names = "--windows-dns-server", paramLabel = "NAME",
            description = "windows: the DNS server to change (-ComputerName), e.g. a domain controller. Default: this"
                    + " computer's DNS server.")
    private String server;

    @Option(names = "--windows-dns-powershell", paramLabel = "PROGRAM",
            description = "windows: the PowerShell that has the DnsServer module. Default: Windows PowerShell 5.1"
                    + " (%%SystemRoot%%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe).")
    private String powershell;

    @Option(names = "--windows-dns-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "2m", description = "windows: longest run of one cmdlet. Default: ${DEFAULT-VALUE}.")
    private Duration timeout = Duration.ofMinutes(2);

    DnsProviderSpec spec() {
        return new DnsProviderSpec.Windows(server, powershell, timeout);
    }
}
