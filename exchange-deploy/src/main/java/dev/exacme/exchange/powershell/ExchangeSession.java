package dev.exacme.exchange.powershell;

import java.net.URI;

/**
 * How scripts reach the Exchange cmdlets: the local Exchange Management Shell snap-in (on an
 * Exchange server), or a remote session to a server's {@code /PowerShell/} endpoint with
 * Kerberos ({@code --exchange-uri}).
 */
public sealed interface ExchangeSession {

    /** The lines that make the Exchange cmdlets available to the rest of the script. */
    PowerShellScript prelude();

    /** The snap-in installed with the Exchange management tools. */
    record LocalSnapIn() implements ExchangeSession {
        @Override
        public PowerShellScript prelude() {
            return PowerShellScript.builder()
                    .line("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn").build();
        }
    }

    /**
     * A remote session, e.g. {@code http://ex01.contoso.local/PowerShell/}.
     *
     * @param uri the server's PowerShell endpoint
     */
    record Remote(URI uri) implements ExchangeSession {

        /** Only http and https endpoints. */
        public Remote {
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("--exchange-uri " + uri + ": expected http://SERVER/PowerShell/");
            }
        }

        @Override
        public PowerShellScript prelude() {
            return PowerShellScript.builder()
                    .line("$exacmeSession = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri {}"
                            + " -Authentication Kerberos", uri.toString())
                    .line("Import-PSSession $exacmeSession -DisableNameChecking -AllowClobber | Out-Null").build();
        }
    }
}
