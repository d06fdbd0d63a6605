package dev.exacme.acme.http01;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * exacme's own HTTP server for HTTP-01: answers {@code GET} and {@code HEAD} for the tokens
 * of the current order and nothing else (404 for every other path, 405 for other methods).
 *
 * <p>Binds when created, so that a port that is taken or needs privileges is reported
 * before the CA is contacted. With no bind address it listens on the wildcard address,
 * which on a dual-stack host serves IPv4 and IPv6 alike; explicit addresses (IPv4 or IPv6)
 * each get their own socket.
 *
 * <p>On port 80 anyone on the internet can connect, so no client may keep the CA from being
 * answered: connections are served concurrently by a bounded pool of daemon threads, each
 * request head must arrive whole within a deadline and a size limit, and connections beyond
 * a bound per origin and overall (see {@link Limits}) are closed as soon as they are
 * accepted. Every answer closes its connection ({@code Connection: close}), as the CA and
 * the self-check expect. {@link #close()} ends every connection and returns once every
 * thread of the listener has ended.
 */
public final class Http01Listener implements Http01Responder {

    /**
     * How much of the listener one client, and all of them together, may hold.
     *
     * @param headDeadline how long a client has to send its whole request head, from the moment
     *                     its connection is accepted
     * @param maxHeadBytes the longest request head accepted (request line and header fields)
     * @param perOrigin    open connections allowed from one IPv4 address or one IPv6 /64
     * @param total        open connections allowed overall, which is also the number of worker threads
     */
    public record Limits(Duration headDeadline, int maxHeadBytes, int perOrigin, int total) {

        /**
         * 10 s for a head (a CA sends it in one packet), 8 KiB (a CA sends a few hundred bytes),
         * 8 connections per origin (a CA validating several names at once from one address still
         * fits) and 256 overall.
         */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 8 * 1024, 8, 256);

        /** Checks that every bound allows something. */
        public Limits {
            if (headDeadline.isNegative() || headDeadline.isZero()
                    || headDeadline.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("head deadline out of range: " + headDeadline);
            }
            if (maxHeadBytes < 64 || perOrigin < 1 || total < 1) {
                throw new IllegalArgumentException("limits too small: " + maxHeadBytes + " bytes, " + perOrigin
                        + " per origin, " + total + " overall");
            }
        }

        /** These limits with another head deadline. */
        public Limits withHeadDeadline(Duration deadline) {
            return new Limits(deadline, maxHeadBytes, perOrigin, total);
        }
    }

    /** Every thread of a listener is named with this prefix (tests look for leftovers by it). */
    static final String THREAD_NAME_PREFIX = "exacme-http01-";
    /** How long {@link #close()} waits for workers whose sockets it has closed; they end at once. */
    private static final Duration WORKER_END_GUARD = Duration.ofSeconds(10);
    /** Pause after a failed accept (such as out of file descriptors), so that the loop does not spin. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final ChallengeAnswers answers = new ChallengeAnswers();
    private final Limits limits;
    private final int port;
    /** The port of the first socket, kept after close so that callers can check that it is free. */
    private volatile int boundPort;
    private final ConnectionSlots slots;
    private final ThreadPoolExecutor workers;
    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private Http01Listener(int port, Limits limits) {
        this.port = port;
        this.limits = limits;
        this.slots = new ConnectionSlots(limits.perOrigin(), limits.total());
        var count = new AtomicInteger();
        // As many threads as connections may be admitted, so that an admitted connection never
        // waits in the queue; they are started as needed and end when idle.
        this.workers = new ThreadPoolExecutor(limits.total(), limits.total(), 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> daemon(task, "worker-" + count.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts listening with {@link Limits#DEFAULT}.
     *
     * @param addresses where to bind; empty for the wildcard address
     * @param port      the port; 80 unless the CA reaches this host through a port-forward
     * @throws IOException with a message naming the address and port that could not be bound
     */
    public static Http01Listener start(List<InetAddress> addresses, int port) throws IOException {
        return start(addresses, port, Limits.DEFAULT);
    }

    /**
     * Starts listening with these limits.
     *
     * @param addresses where to bind; empty for the wildcard address
     * @param port      the port; 80 unless the CA reaches this host through a port-forward
     * @param limits    what one client and all of them may hold
     * @throws IOException with a message naming the address and port that could not be bound
     */
    public static Http01Listener start(List<InetAddress> addresses, int port, Limits limits) throws IOException {
        var listener = new Http01Listener(port, limits);
        var endpoints = addresses.isEmpty()
                ? List.of(new InetSocketAddress(port))
                : addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
        try {
            for (var endpoint : endpoints) {
                listener.bind(endpoint);
            }
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private void bind(InetSocketAddress endpoint) throws IOException {
        var server = new ServerSocket();
        try {
            server.bind(endpoint, 50);
        } catch (BindException e) {
            server.close();
            var where = (endpoint.getAddress().isAnyLocalAddress() ? "*" : endpoint.getAddress().getHostAddress())
                    + ":" + endpoint.getPort();
            throw new IOException("Cannot listen on " + where + " for HTTP-01 (" + e.getMessage() + "): "
                    + (endpoint.getPort() < 1024
                        ? "another web server holds the port, or this user may not bind ports below 1024. "
                        : "another program holds the port. ")
                    + "Stop it, use --webroot with the existing web server, or pick another port with --http-port "
                    + "if port 80 is forwarded to it.", e);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        if (servers.isEmpty()) {
            boundPort = server.getLocalPort();
        }
        servers.add(server);
        var acceptor = daemon(() -> accept(server), "accept-" + describe(server));
        acceptors.add(acceptor);
        acceptor.start();
    }

    private static Thread daemon(Runnable task, String name) {
        var thread = new Thread(task, THREAD_NAME_PREFIX + name);
        // Never what keeps the process alive, even if a caller forgets to close.
        thread.setDaemon(true);
        return thread;
    }

    /** Admits or refuses each connection; only workers read from them, so this never waits on a client. */
    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                try {
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            var origin = ConnectionSlots.origin(socket.getInetAddress());
            if (!slots.tryAcquire(origin)) {
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            try {
                workers.execute(() -> serve(socket, origin));
            } catch (RejectedExecutionException closing) {
                connections.remove(socket);
                slots.release(origin);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, String origin) {
        try {
            var head = RequestHead.read(socket, limits.headDeadline(), limits.maxHeadBytes());
            // One write of a few hundred bytes, which fits in any socket's send buffer: a client
            // that does not read cannot make it block.
            socket.getOutputStream().write(head.map(this::respond).orElseGet(Http01Listener::badRequest));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // Too slow, too long, gone, or the listener is closing: the connection is dropped
            // without an answer, as there is no one (or no reason) to answer.
        } finally {
            connections.remove(socket);
            // Before closing: a client that read to the end of the answer may connect again at
            // once and must find its slot free.
            slots.release(origin);
            closeQuietly(socket);
        }
    }

    private byte[] respond(RequestHead head) {
        var isHead = head.method().equals("HEAD");
        // A HEAD answer carries the length that GET would.
        var answer = answers.answer(isHead ? "GET" : head.method(), head.rawPath());
        var text = new StringBuilder("HTTP/1.1 ").append(answer.status()).append(' ').append(reason(answer.status()))
                .append("\r\n");
        if (answer.status() == 405) {
            text.append("Allow: GET, HEAD\r\n");
        }
        if (answer.status() == 200) {
            text.append("Content-Type: text/plain\r\n");
        }
        text.append("Content-Length: ").append(answer.body().length).append("\r\nConnection: close\r\n\r\n");
        var headBytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        if (isHead || answer.body().length == 0) {
            return headBytes;
        }
        var response = new byte[headBytes.length + answer.body().length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(answer.body(), 0, response, headBytes.length, answer.body().length);
        return response;
    }

    private static byte[] badRequest() {
        return "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the connection is being dropped anyway.
        }
    }

    @Override
    public void publish(ChallengeToken token) {
        answers.publish(token);
    }

    @Override
    public void withdraw(ChallengeToken token) {
        answers.withdraw(token);
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() {
        return boundPort != 0 ? boundPort : port;
    }

    @Override
    public String describe() {
        return "exacme's HTTP-01 listener on " + servers.stream().map(Http01Listener::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(ServerSocket server) {
        return server.getInetAddress().isAnyLocalAddress()
                ? "port " + server.getLocalPort()
                : server.getInetAddress().getHostAddress() + " port " + server.getLocalPort();
    }

    /**
     * Stops answering, closes every connection and returns once every thread of the listener
     * has ended. May be called more than once.
     */
    @Override
    public void close() {
        answers.clear();
        for (var server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // Closing a listening socket does not fail in a way that leaves it open.
            }
        }
        var interrupted = false;
        // Closed server sockets end the acceptors' accept(); once they are gone, no connection
        // can be added behind the loop below. An interrupt must not cut this short.
        for (var acceptor : acceptors) {
            while (acceptor.isAlive()) {
                try {
                    acceptor.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        workers.shutdownNow();
        // A thread blocked reading a socket is not woken by an interrupt, only by closing it.
        connections.forEach(Http01Listener::closeQuietly);
        try {
            workers.awaitTermination(WORKER_END_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        servers.clear();
        acceptors.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
