package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The self-check against real local HTTP servers behaving as misconfigured Exchange/IIS
 * sites do; every name resolves to loopback, the server's port stands in for port 80.
 */
class SelfCheckTest {

    private static final ChallengeToken TOKEN = new ChallengeToken("tok-abc", "tok-abc.thumbprint");
    private static final String NAME = "mail.contoso.test";
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private SelfCheck serving(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", handler);
        server.start();
        return new SelfCheck(host -> List.of(InetAddress.getLoopbackAddress()), server.getAddress().getPort(),
                freePort(), Duration.ofSeconds(2));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body, String location) throws IOException {
        try (exchange) {
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private static String refusal(SelfCheck check) {
        return assertThrows(InvalidRequest.class, () -> check.check(NAME, TOKEN)).getMessage();
    }

    @Test
    void theRightAnswerPasses() throws IOException {
        var check = serving(exchange -> answer(exchange, 200, "tok-abc.thumbprint\n", null));
        assertDoesNotThrow(() -> check.check(NAME, TOKEN));
    }

    @Test
    void aRedirectToOutlookOnTheWebIsNamed() throws IOException {
        var message = refusal(serving(exchange -> answer(exchange, 302, "", "/owa/")));
        assertTrue(message.contains("redirect to Outlook on the web"), message);
        assertTrue(message.contains("exclude /.well-known/acme-challenge"), message);
    }

    @Test
    void aRedirectToHttpsWhereNothingAnswersIsNamed() throws IOException {
        var message = refusal(serving(exchange -> answer(exchange, 301, "",
                "https://" + NAME + exchange.getRequestURI())));
        assertTrue(message.contains("fetching https://" + NAME + "/.well-known/acme-challenge/tok-abc gave no answer"),
                message);
        assertTrue(message.contains("-> HTTP 301"), "the path is shown: " + message);
    }

    @Test
    void requireSslIsNamed() throws IOException {
        var message = refusal(serving(exchange -> answer(exchange, 403, "403.4 SSL required", null)));
        assertTrue(message.contains("HTTP 403"), message);
        assertTrue(message.contains("Require SSL"), message);
    }

    @Test
    void theWrongBodyIsShown() throws IOException {
        var message = refusal(serving(exchange -> answer(exchange, 200, "<html>IIS Windows Server</html>", null)));
        assertTrue(message.contains("wrong body ('<html>IIS Windows Server</html>')"), message);
    }

    @Test
    void nothingListeningIsNamed() throws IOException {
        var check = new SelfCheck(host -> List.of(InetAddress.getLoopbackAddress()), freePort(), freePort(),
                Duration.ofSeconds(2));
        var message = refusal(check);
        assertTrue(message.contains("no answer"), message);
        assertTrue(message.contains("--skip-self-check"), message);
    }
}
