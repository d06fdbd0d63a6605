package dev.exacme.acme.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.failure.ProtocolFailure;
import dev.exacme.acme.network.NoProxyList;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.ScriptedTlsServer;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA that holds exacme by trickling its directory, or tries to fill its heap with one, on
 * the path {@code exacme issue} takes first: {@link AcmeCa#connect} and the directory read.
 * The JUnit timeouts only guard the build against a hang; no test measures speed.
 */
class MisbehavingCaTest {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @TempDir
    Path temp;

    private static OutboundNetwork network(ScriptedTlsServer server, Duration requestTimeout) throws Exception {
        return new OutboundNetwork(Optional.empty(), NoProxyList.none(), Duration.ofSeconds(5), requestTimeout,
                TrustedCertificates.withPemFiles(List.of(server.rootPem())));
    }

    private static void headers(OutputStream out, String extra) throws java.io.IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" + extra + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDirectoryTrickledAByteAtATimeEndsAtTheRequestTimeout() throws Exception {
        // A complete, valid directory: before the fix exacme read all of it, one byte every
        // 500 ms, and carried on as if nothing had happened.
        var directory = "{\"newNonce\": \"https://127.0.0.1/nonce\", \"newAccount\": \"https://127.0.0.1/acct\"}"
                .getBytes(StandardCharsets.UTF_8);
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> {
            headers(out, "Content-Length: " + directory.length + "\r\n");
            for (var b : directory) {
                out.write(b);
                out.flush();
                Thread.sleep(500);
            }
        })) {
            var url = server.url("/dir");
            var ca = AcmeCa.connect(new CaServer(url), network(server, Duration.ofSeconds(2)));
            var failure = assertThrows(NetworkFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(url.toString()), brief(failure));
            assertTrue(failure.getMessage().contains("request timeout of 2 s"), brief(failure));
            assertTrue(failure.getMessage().contains("reading the CA's directory"), brief(failure));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aBrokenChunkedBodyIsANetworkFailureNamingTheStepAndTheUrl() throws Exception {
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> {
            headers(out, "Transfer-Encoding: chunked\r\n");
            // A chunk announced as 0x400 bytes, 9 of them sent, then the connection closes.
            out.write("400\r\n{\"newNonce".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        })) {
            var url = server.url("/dir");
            var ca = AcmeCa.connect(new CaServer(url), network(server, Duration.ofSeconds(10)));
            var failure = assertThrows(NetworkFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(url.toString()), brief(failure));
            assertTrue(failure.getMessage().contains("reading the CA's directory"), brief(failure));
            assertTrue(!failure.getMessage().startsWith("java."), brief(failure));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDirectoryWhoseHeadersNeverComeEndsAtTheRequestTimeout() throws Exception {
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> Thread.sleep(60_000))) {
            var url = server.url("/dir");
            var ca = AcmeCa.connect(new CaServer(url), network(server, Duration.ofSeconds(2)));
            var failure = assertThrows(NetworkFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(url.toString()), brief(failure));
            assertTrue(failure.getMessage().contains("request timeout of 2 s"), brief(failure));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aHundredMegabyteDirectoryIsRefusedAtTheLimit() throws Exception {
        var sent = new AtomicLong();
        // No Content-Length: the body ends when the server closes, so only counting stops it.
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> {
            headers(out, "");
            streamHugeDirectory(out, sent);
        })) {
            var url = server.url("/dir");
            var ca = AcmeCa.connect(new CaServer(url), network(server, Duration.ofMinutes(4)));
            var failure = assertThrows(ProtocolFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(url.toString()), brief(failure));
            assertTrue(failure.getMessage().contains("1 MiB"), brief(failure));
            assertTrue(sent.get() < HUNDRED_MB, "exacme hung up long before the end: " + sent.get() + " bytes sent");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDirectoryAnnouncingAHundredMegabytesIsRefusedBeforeReading() throws Exception {
        var sent = new AtomicLong();
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> {
            headers(out, "Content-Length: " + HUNDRED_MB + "\r\n");
            streamHugeDirectory(out, sent);
        })) {
            var url = server.url("/dir");
            var ca = AcmeCa.connect(new CaServer(url), network(server, Duration.ofMinutes(1)));
            var failure = assertThrows(ProtocolFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(url.toString()), brief(failure));
            assertTrue(failure.getMessage().contains("announces " + HUNDRED_MB + " bytes"), brief(failure));
            assertTrue(failure.getMessage().contains("1 MiB"), brief(failure));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCompressedDirectoryNobodyAskedForIsRefused() throws Exception {
        // gzip of a small body can decode to gigabytes; acme4j would decode it without bound.
        var compressed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write("{\"newNonce\": \"https://127.0.0.1/nonce\"}".getBytes(StandardCharsets.UTF_8));
        }
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> {
            headers(out, "Content-Encoding: gzip\r\nContent-Length: " + compressed.size() + "\r\n");
            out.write(compressed.toByteArray());
        })) {
            var url = server.url("/dir");
            var ca = AcmeCa.connect(new CaServer(url), network(server, Duration.ofSeconds(30)));
            var failure = assertThrows(ProtocolFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(url.toString()), brief(failure));
            assertTrue(failure.getMessage().contains("Content-Encoding: gzip"), brief(failure));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDirectoryJustUnderTheLimitIsRead() throws Exception {
        var prefix = "{\"newNonce\": \"https://127.0.0.1/nonce\", \"padding\": \"";
        var suffix = "\"}";
        var body = new byte[(int) OutboundNetwork.MAX_RESPONSE_BYTES];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, body, 0, prefix.length());
        System.arraycopy(suffix.getBytes(StandardCharsets.US_ASCII), 0, body, body.length - suffix.length(),
                suffix.length());
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> {
            headers(out, "");
            out.write(body);
        })) {
            var ca = AcmeCa.connect(new CaServer(server.url("/dir")), network(server, Duration.ofSeconds(30)));
            assertEquals(Optional.empty(), ca.metadata().getWebsite());
        }
    }

    /** The message, cut short: before the fix a failure quoted the whole 100 MB body. */
    private static String brief(Exception failure) {
        var message = String.valueOf(failure.getMessage());
        return message.length() <= 1000 ? message : message.substring(0, 1000) + "... (" + message.length() + " chars)";
    }

    /** Writes a directory that never ends in 64 KiB pieces of one buffer, up to 100 MB. */
    private static void streamHugeDirectory(OutputStream out, AtomicLong sent) throws java.io.IOException {
        out.write("{\"newNonce\": \"https://127.0.0.1/nonce\", \"padding\": \"".getBytes(StandardCharsets.US_ASCII));
        var chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        while (sent.get() < HUNDRED_MB) {
            out.write(chunk);
            sent.addAndGet(chunk.length);
        }
    }
}
