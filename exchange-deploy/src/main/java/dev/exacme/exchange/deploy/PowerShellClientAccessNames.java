package dev.exacme.exchange.deploy;

import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.powershell.PowerShellScript;
import java.util.List;

/**
 * {@link ClientAccessNames} of this computer through Windows PowerShell 5.1: the OWA, ECP, EWS,
 * OAB, ActiveSync and MAPI virtual directories ({@code -ADPropertiesOnly}, which reads Active
 * Directory only and does not touch IIS) and the client access service's Autodiscover URI.
 * The cmdlets load the way a deployment loads them. Not yet run on Windows.
 */
public final class PowerShellClientAccessNames implements ClientAccessNames {

    /** The virtual directory cmdlets and the short name each URL is reported under. */
    private static final List<String[]> DIRECTORIES = List.of(
            new String[] {"Get-OwaVirtualDirectory", "owa"},
            new String[] {"Get-EcpVirtualDirectory", "ecp"},
            new String[] {"Get-WebServicesVirtualDirectory", "ews"},
            new String[] {"Get-OabVirtualDirectory", "oab"},
            new String[] {"Get-ActiveSyncVirtualDirectory", "activesync"},
            new String[] {"Get-MapiVirtualDirectory", "mapi"});

    private final PowerShellRunner runner;
    private final PowerShellExchangeShell shell;

    /** Reads the names with {@code runner}, loading the Exchange cmdlets of this computer. */
    public PowerShellClientAccessNames(PowerShellRunner runner) {
        this.runner = runner;
        this.shell = PowerShellExchangeShell.local(runner);
    }

    @Override
    public List<ClientAccessUrl> urls() throws PowerShellFailure {
        var result = runner.run(script(shell.session()));
        return PowerShellJson.list(result).stream()
                .map(node -> new ClientAccessUrl(PowerShellJson.text(node, "source"), PowerShellJson.text(node, "url")))
                .filter(url -> !url.url().isBlank())
                .toList();
    }

    /** The script, separate from running it so that tests can read it. */
    static PowerShellScript script(ExchangeSession session) {
        var script = PowerShellScript.builder().append(session.prelude())
                .line("$exacmeServer = $env:COMPUTERNAME")
                .line("$exacmeUrls = New-Object System.Collections.ArrayList");
        for (var directory : DIRECTORIES) {
            script.line("foreach ($exacmeDirectory in @(" + directory[0] + " -Server $exacmeServer -ADPropertiesOnly)) {"
                    + " [void]$exacmeUrls.Add(@{ source = {}; url = \"$($exacmeDirectory.InternalUrl)\" });"
                    + " [void]$exacmeUrls.Add(@{ source = {}; url = \"$($exacmeDirectory.ExternalUrl)\" }) }",
                    directory[1] + " internal", directory[1] + " external");
        }
        return script
                .line("foreach ($exacmeService in @(Get-ClientAccessService -Identity $exacmeServer)) {"
                        + " [void]$exacmeUrls.Add(@{ source = {}; url = \"$($exacmeService.AutoDiscoverServiceInternalUri)\" }) }",
                        "autodiscover")
                .line("@($exacmeUrls)")
                .build();
    }
}
