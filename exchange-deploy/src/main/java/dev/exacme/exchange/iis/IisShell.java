package dev.exacme.exchange.iis;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.Thumbprint;
import java.util.List;

/**
 * What a deployment asks of IIS, one method per short, fixed script of the WebAdministration
 * module. A plain IIS host (RD Gateway, an ADFS proxy, an intranet server) is served through
 * this alone, without loading any Exchange shell; the Exchange shell extends it for the IIS
 * part of an Exchange deployment. {@link PowerShellIisShell} runs the scripts in Windows
 * PowerShell; the plans are tested through this interface on Linux.
 */
public interface IisShell {

    /** The names of every IIS site of this server, as IIS Manager shows them ({@code Get-Website}). */
    List<String> sites() throws PowerShellFailure;

    /** The https bindings of every IIS site of this server ({@code Get-WebBinding -Protocol https}). */
    List<WebBinding> webBindings() throws PowerShellFailure;

    /**
     * The names of http.sys's SSL bindings as {@code IIS:\SslBindings} lists them, written as
     * {@link WebBinding#sslBinding()} writes them ({@code 0.0.0.0!443}, {@code !443!host}),
     * those no IIS site uses among them (ADFS, an RD Gateway or {@code netsh} may own some).
     */
    List<String> sslBindings() throws PowerShellFailure;

    /** Points an https binding at another certificate, in the {@code LocalMachine} store the binding names. */
    void bind(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure;

    /** Creates an https binding ({@code New-WebBinding}) and gives it a certificate. */
    void create(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure;

    /** Removes an https binding and its SSL binding. */
    void delete(WebBinding binding) throws PowerShellFailure;
}
