package dev.exacme.exchange.iis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.store.Thumbprint;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An https binding of an IIS site as {@code Get-WebBinding} reports it.
 *
 * @param site        the site's name
 * @param address     the IP address part ({@code *} for all)
 * @param port        the port
 * @param host        the host name, empty for none
 * @param certificate the certificate bound, empty if none
 * @param sni         whether the binding requires SNI ({@code sslFlags} bit 1)
 * @param store       the {@code LocalMachine} store its certificate is in: {@code My}, or
 *                    {@code WebHosting} (where win-acme puts certificates on IIS 8 and later)
 */
public record WebBinding(String site, String address, int port, String host, Optional<Thumbprint> certificate,
                         boolean sni, String store) {

    /** {@code LocalMachine\My}, where exacme installs. */
    public static final String MY = "My";

    private static final Pattern SITE = Pattern.compile("site\\[@name='((?:[^']|'')*)'");

    /** A store's name as Windows names them; nothing that could step out of {@code Cert:\LocalMachine}. */
    private static final Pattern STORE = Pattern.compile("[A-Za-z0-9]{1,64}");

    /** Checks the store name. */
    public WebBinding {
        if (!STORE.matcher(store).matches()) {
            throw new IllegalArgumentException("not a certificate store name: " + store);
        }
    }

    /** A binding whose certificate is in {@code LocalMachine\My}. */
    public WebBinding(String site, String address, int port, String host, Optional<Thumbprint> certificate,
                      boolean sni) {
        this(site, address, port, host, certificate, sni, MY);
    }

    /** The same binding with a certificate of {@code LocalMachine\My}: what exacme binds. */
    public WebBinding inMy() {
        return new WebBinding(site, address, port, host, certificate, sni, MY);
    }

    /** The "Exchange Back End" site, whose binding on port 444 keeps Exchange's self-signed certificate. */
    public static final String BACK_END = "Exchange Back End";

    /** Reads one object of {@code Get-WebBinding}'s JSON. */
    public static WebBinding fromJson(JsonNode node) {
        var information = PowerShellJson.text(node, "bindingInformation");
        // Read from the right: an IPv6 address ([2001:db8::1]) has colons of its own, a host name has none.
        var hostAt = information.lastIndexOf(':');
        var portAt = hostAt < 1 ? -1 : information.lastIndexOf(':', hostAt - 1);
        if (portAt < 0 || !information.substring(portAt + 1, hostAt).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("not a binding (address:port:host): " + node.get("bindingInformation"));
        }
        var site = SITE.matcher(PowerShellJson.text(node, "ItemXPath"));
        var hash = PowerShellJson.text(node, "certificateHash");
        var store = PowerShellJson.text(node, "certificateStoreName");
        return new WebBinding(site.find() ? site.group(1).replace("''", "'") : "", information.substring(0, portAt),
                Integer.parseInt(information.substring(portAt + 1, hostAt)), information.substring(hostAt + 1),
                hash.isBlank() ? Optional.empty() : Optional.of(Thumbprint.parse(hash)),
                (node.path("sslFlags").asInt(0) & 1) != 0, store.isBlank() ? MY : store);
    }

    /** {@code address:port:host} as IIS writes it. */
    public String bindingInformation() {
        return address + ":" + port + ":" + host;
    }

    /**
     * The http.sys SSL binding this web binding uses, as {@code IIS:\SslBindings} names it:
     * {@code 0.0.0.0!443} (address and port) without SNI, {@code !443!host} with SNI. Several web
     * bindings may share one SSL binding, and then one certificate.
     */
    public String sslBinding() {
        if (sni) {
            return "!" + port + "!" + host;
        }
        return (address.equals("*") ? "0.0.0.0" : address) + "!" + port;
    }

    /** Whether this is the Exchange Back End site's binding. */
    public boolean backEnd() {
        return site.equalsIgnoreCase(BACK_END);
    }
}
