package dev.exacme.acme.http01.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.acme.http01.ChallengeToken;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real http.sys: needs Windows and an administrator (tag {@code windows}). */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class HttpSysListenerTest {

    @Test
    void servesPublishedTokensThroughHttpSys() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var client = HttpClient.newHttpClient();
        var url = URI.create("http://localhost:" + port + "/.well-known/acme-challenge/tok");
        try (var listener = HttpSysListener.start(port)) {
            listener.publish(new ChallengeToken("tok", "tok.thumb"));
            var response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("tok.thumb", response.body());
            var other = client.send(HttpRequest.newBuilder(url.resolve("other")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());
        }
    }
}
