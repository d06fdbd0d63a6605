package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    @Test
    void theRequestLineGivesMethodAndRawPath() {
        assertEquals(Optional.of(new RequestHead("GET", "/.well-known/acme-challenge/t")),
                RequestHead.parse("GET /.well-known/acme-challenge/t HTTP/1.1\r\nHost: x"));
        assertEquals(Optional.of(new RequestHead("HEAD", "/a%2Fb")), RequestHead.parse("HEAD /a%2Fb?x=1#f HTTP/1.0"));
        assertEquals(Optional.of(new RequestHead("GET", "/p")), RequestHead.parse("GET http://example.com/p?q HTTP/1.1\n"));
        assertEquals(Optional.of(new RequestHead("GET", "/")), RequestHead.parse("GET http://example.com HTTP/1.1"));
    }

    @Test
    void whatIsNotAnHttpRequestIsRefused() {
        assertEquals(Optional.empty(), RequestHead.parse("GET /"));
        assertEquals(Optional.empty(), RequestHead.parse("GET  / HTTP/1.1"));
        assertEquals(Optional.empty(), RequestHead.parse("GET / SPDY/3"));
        assertEquals(Optional.empty(), RequestHead.parse("G(T / HTTP/1.1"));
        assertEquals(Optional.empty(), RequestHead.parse("GET example.com/p HTTP/1.1"));
        assertEquals(Optional.empty(), RequestHead.parse("GET http://exa mple.com/ HTTP/1.1"));
        assertEquals(Optional.empty(), RequestHead.parse("\u0016\u0003\u0001"));
    }
}
