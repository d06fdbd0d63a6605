package dev.exacme.acme.network;

import dev.exacme.acme.failure.InvalidRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hosts reached directly although a proxy is configured. Accepts what NO_PROXY and the
 * WinHTTP bypass list hold, separated by commas, semicolons or spaces:
 * <ul>
 *   <li>{@code *}: every host;</li>
 *   <li>{@code example.com} or {@code .example.com}: that domain and everything below it;</li>
 *   <li>{@code *.corp.example.com}, {@code 10.*}: wildcard patterns, as WinHTTP writes them;</li>
 *   <li>{@code 10.0.0.0/8}, {@code fd00::/8}: address ranges, for hosts given as addresses
 *       (names are not resolved to decide, as curl does not either);</li>
 *   <li>{@code <local>}: names without a dot (WinHTTP's meaning).</li>
 * </ul>
 */
public final class NoProxyList {

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private final List<String> entries;
    private final List<Rule> rules;

    private NoProxyList(List<String> entries, List<Rule> rules) {
        this.entries = List.copyOf(entries);
        this.rules = List.copyOf(rules);
    }

    /** No exceptions: everything goes through the proxy. */
    public static NoProxyList none() {
        return new NoProxyList(List.of(), List.of());
    }

    /**
     * Parses a list.
     *
     * @param source names where it came from, for messages
     * @throws InvalidRequest naming the entry that is neither a name, a pattern nor a range
     */
    public static NoProxyList parse(String text, String source) throws InvalidRequest {
        var entries = new ArrayList<String>();
        var rules = new ArrayList<Rule>();
        for (var raw : SEPARATORS.split(text == null ? "" : text.trim())) {
            var entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            entries.add(entry);
            rules.add(rule(entry, source));
        }
        return new NoProxyList(entries, rules);
    }

    private static Rule rule(String entry, String source) throws InvalidRequest {
        if (entry.equals("*")) {
            return host -> true;
        }
        if (entry.equals("<local>")) {
            return host -> !host.contains(".") && !host.contains(":");
        }
        if (entry.contains("/")) {
            return range(entry, source);
        }
        if (entry.contains("*")) {
            var regex = Pattern.compile(Pattern.quote(entry).replace("*", "\\E.*\\Q"));
            return host -> regex.matcher(host).matches();
        }
        var domain = entry.startsWith(".") ? entry.substring(1) : entry;
        var bare = domain.replace("[", "").replace("]", "");
        if (bare.isEmpty() || !bare.matches("[a-z0-9.:_-]+")) {
            throw new InvalidRequest(source + ": '" + entry + "' is neither a host name, a pattern like *.example.com, "
                    + "nor an address range like 10.0.0.0/8.");
        }
        return host -> host.equals(bare) || host.endsWith("." + bare);
    }

    private static Rule range(String entry, String source) throws InvalidRequest {
        var parts = entry.split("/", 2);
        try {
            var network = literal(parts[0]);
            int prefix = Integer.parseInt(parts[1]);
            int bits = network.getAddress().length * 8;
            if (prefix < 0 || prefix > bits) {
                throw new NumberFormatException();
            }
            var base = new BigInteger(1, network.getAddress()).shiftRight(bits - prefix);
            return host -> {
                var address = literalOrNull(host);
                return address != null && address.getAddress().length == network.getAddress().length
                        && new BigInteger(1, address.getAddress()).shiftRight(bits - prefix).equals(base);
            };
        } catch (NumberFormatException | UnknownHostException e) {
            throw new InvalidRequest(source + ": '" + entry + "' is not an address range like 10.0.0.0/8 or fd00::/8.");
        }
    }

    private static InetAddress literal(String text) throws UnknownHostException {
        var address = literalOrNull(text);
        if (address == null) {
            throw new UnknownHostException(text);
        }
        return address;
    }

    private static InetAddress literalOrNull(String text) {
        var bare = text.replace("[", "").replace("]", "");
        // Only literals: getByName must never resolve a name here.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether connections to {@code host} bypass the proxy. */
    public boolean bypasses(String host) {
        var normalized = host.toLowerCase(Locale.ROOT);
        normalized = normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
        for (var rule : rules) {
            if (rule.matches(normalized)) {
                return true;
            }
        }
        return false;
    }

    /** The entries as given, normalized to lower case. */
    public List<String> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }

    @FunctionalInterface
    private interface Rule {
        boolean matches(String host);
    }
}
