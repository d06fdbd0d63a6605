package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answering logic both listeners (Java and http.sys) share. */
class ChallengeAnswersTest {

    private static final ChallengeToken TOKEN = new ChallengeToken("tok", "tok.thumb");

    @Test
    void answersOnlyPublishedTokensAndOnlyGetAndHead() {
        var answers = new ChallengeAnswers();
        assertEquals(404, answers.answer("GET", "/.well-known/acme-challenge/tok").status());
        answers.publish(TOKEN);
        var get = answers.answer("GET", "/.well-known/acme-challenge/tok");
        assertEquals(200, get.status());
        assertArrayEquals("tok.thumb".getBytes(StandardCharsets.US_ASCII), get.body());
        var head = answers.answer("HEAD", "/.well-known/acme-challenge/tok");
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(405, answers.answer("OTHER", "/.well-known/acme-challenge/tok").status());
        assertEquals(404, answers.answer("GET", "/.well-known/acme-challenge/other").status());
        assertEquals(404, answers.answer("GET", "/tok").status());
        answers.withdraw(TOKEN);
        assertEquals(404, answers.answer("GET", "/.well-known/acme-challenge/tok").status());
    }
}
