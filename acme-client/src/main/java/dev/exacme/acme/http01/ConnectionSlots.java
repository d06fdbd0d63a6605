package dev.exacme.acme.http01;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The listener's admission count: how many connections are open overall and per origin, and
 * whether one more may be served. A connection refused here is closed at once, so that one
 * address (or a flood from many) cannot occupy every worker while the CA waits.
 *
 * <p>An origin is an IPv4 address, or an IPv6 /64: one subscriber commonly holds a whole /64,
 * so counting single IPv6 addresses would let one attacker open as many connections as it
 * likes.
 */
final class ConnectionSlots {

    private final int perOrigin;
    private final int total;
    private final Map<String, Integer> openByOrigin = new HashMap<>();
    private int open;

    ConnectionSlots(int perOrigin, int total) {
        this.perOrigin = perOrigin;
        this.total = total;
    }

    /** The origin that {@code remote} counts against. */
    static String origin(InetAddress remote) {
        if (remote instanceof Inet6Address) {
            var bytes = remote.getAddress();
            var prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix + ":/64";
        }
        return remote.getHostAddress();
    }

    /** Takes a slot for one connection from {@code origin}; false when either bound is reached. */
    synchronized boolean tryAcquire(String origin) {
        var fromOrigin = openByOrigin.getOrDefault(origin, 0);
        if (open >= total || fromOrigin >= perOrigin) {
            return false;
        }
        open++;
        openByOrigin.put(origin, fromOrigin + 1);
        return true;
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    synchronized void release(String origin) {
        open--;
        // Forgotten at zero, so that the map holds only origins with open connections.
        openByOrigin.computeIfPresent(origin, (key, count) -> count > 1 ? count - 1 : null);
    }
}
