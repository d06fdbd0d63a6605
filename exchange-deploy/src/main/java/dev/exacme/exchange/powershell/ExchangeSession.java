package dev.exacme.exchange.powershell;

import java.net.URI;

/**
 * How scripts reach the Exchange cmdlets: on an Exchange server (or one with the management
 * tools) the Exchange Management Shell, loaded the way its own shortcut loads it, with the
 * snap-in only as a fallback when that fails; or a remote session to a server's
 * {@code /PowerShell/} endpoint with Kerberos ({@code --exchange-uri}). Which one a deployment
 * used is said in its plan ({@link #describe()}).
 */
public sealed interface ExchangeSession {

    /** The lines that make the Exchange cmdlets available to the rest of the script. */
    PowerShellScript prelude();

    /** Which way the cmdlets were loaded, in words, for the plan. */
    String describe();

    /**
     * The supported way in a plain {@code powershell.exe}: the Management Shell's
     * {@code RemoteExchange.ps1}, then {@code Connect-ExchangeServer -auto}, which opens a
     * session to an Exchange server's {@code /PowerShell/} endpoint under the caller's RBAC
     * roles. Their banner and objects are dropped, so that only the script's own output becomes
     * its JSON. Not yet run on Windows.
     */
    record ManagementShell() implements ExchangeSession {
        @Override
        public PowerShellScript prelude() {
            return PowerShellScript.builder()
                    .line(". \"$env:ExchangeInstallPath\\bin\\RemoteExchange.ps1\" | Out-Null")
                    .line("Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null").build();
        }

        @Override
        public String describe() {
            return "the Exchange Management Shell (RemoteExchange.ps1, Connect-ExchangeServer -auto)";
        }
    }

    /**
     * The fallback: the snap-in installed with the Exchange management tools. It bypasses RBAC
     * and Microsoft supports it only for transport agent cmdlets, so it is used only when the
     * Management Shell did not load (an Edge Transport server, a broken /PowerShell/ virtual
     * directory), and the plan says so with the reason.
     *
     * @param reason why the Management Shell did not load
     */
    record SnapIn(String reason) implements ExchangeSession {
        @Override
        public PowerShellScript prelude() {
            return PowerShellScript.builder()
                    .line("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn").build();
        }

        @Override
        public String describe() {
            return "the snap-in Microsoft.Exchange.Management.PowerShell.SnapIn, because the Exchange Management Shell"
                    + " did not load (" + reason + "); the snap-in bypasses RBAC and Microsoft supports it only for"
                    + " transport agents";
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

        @Override
        public String describe() {
            return "a remote session to " + uri + " (Kerberos)";
        }
    }
}
