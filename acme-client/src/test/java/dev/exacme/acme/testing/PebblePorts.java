package dev.exacme.acme.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback ports of one Pebble start: its ACME and management listeners, the ports its
 * validation authority connects to for HTTP-01 and TLS-ALPN-01 (which the test binds, not
 * Pebble), and challtestsrv's DNS and management ports.
 *
 * <p>Ports are found by binding port 0 and releasing it, so another process can take one
 * before Pebble binds it; {@link PebbleExtension} starts again with new ports when that
 * happens.
 */
record PebblePorts(int acme, int management, int httpChallenge, int tlsAlpnChallenge, int dns,
                   int challengeTestServerManagement) {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int DNS_ATTEMPTS = 50;

    /** Free ports, all distinct, with the DNS port free for both UDP and TCP. */
    static PebblePorts reserve() throws IOException {
        // Every socket stays bound until all ports are chosen: the OS cannot hand out one
        // port twice, and releasing them together keeps the window for a thief short.
        var held = new ArrayList<Closeable>();
        try {
            return new PebblePorts(tcp(held), tcp(held), tcp(held), tcp(held), dns(held), tcp(held));
        } finally {
            closeAll(held);
        }
    }

    private static int tcp(List<Closeable> held) throws IOException {
        var socket = new ServerSocket(0, 1, LOOPBACK);
        held.add(socket);
        return socket.getLocalPort();
    }

    /** challtestsrv serves DNS on UDP and TCP on the same port: both must be free. */
    private static int dns(List<Closeable> held) throws IOException {
        for (int attempt = 0; attempt < DNS_ATTEMPTS; attempt++) {
            var udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            var port = udp.getLocalPort();
            var tcp = new ServerSocket();
            try {
                tcp.bind(new InetSocketAddress(LOOPBACK, port), 1);
                held.add(udp);
                held.add(tcp);
                return port;
            } catch (IOException takenForTcp) {
                tcp.close();
                udp.close();
            }
        }
        throw new IOException("no loopback port is free for both UDP and TCP after " + DNS_ATTEMPTS + " tries");
    }

    private static void closeAll(List<Closeable> held) throws IOException {
        IOException failure = null;
        for (var socket : held) {
            try {
                socket.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
