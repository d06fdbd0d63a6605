package dev.exacme.exchange.deploy;

import dev.exacme.exchange.powershell.PowerShellFailure;
import java.util.List;

/**
 * The names clients reach this Exchange server by: the host names of its virtual directories'
 * internal and external URLs and of its Autodiscover URI. {@link PowerShellClientAccessNames}
 * reads them through the Exchange cmdlets; the guided setup proposes them.
 */
public interface ClientAccessNames {

    /** The URLs as configured, with where each was found. */
    List<ClientAccessUrl> urls() throws PowerShellFailure;

    /** The names a certificate for these URLs covers, in the order {@link ClientAccessUrl#names} gives. */
    default List<String> names() throws PowerShellFailure {
        return ClientAccessUrl.names(urls());
    }
}
