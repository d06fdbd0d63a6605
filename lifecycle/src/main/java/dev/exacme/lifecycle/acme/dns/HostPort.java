package dev.exacme.lifecycle.acme.dns;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code host}, {@code host:port}, {@code [v6]:port} for DNS servers (port 53 by default). */
public final class HostPort {

    private HostPort() {
    }

    public static InetSocketAddress parse(String text, String option) throws InvalidRequest {
        var value = text.trim();
        String host = value;
        int port = 53;
        if (value.startsWith("[")) {
            var end = value.indexOf(']');
            if (end < 0) {
                throw new InvalidRequest(option + " '" + text + "' has an unclosed '['.");
            }
            host = value.substring(1, end);
            if (value.length() > end + 1) {
                port = port(value.substring(end + 2), text, option);
            }
        } else if (value.chars().filter(c -> c == ':').count() == 1) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1), text, option);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new InvalidRequest(option + " '" + text + "': unknown host " + host + ".");
        }
    }

    private static int port(String digits, String text, String option) throws InvalidRequest {
        try {
            var port = Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidRequest(option + " '" + text + "' has no valid port.");
        }
    }
}
