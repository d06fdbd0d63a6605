package dev.exacme.acme.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChallengeRecordTest {

    @Test
    void namesRelativeToTheZone() {
        var record = new ChallengeRecord("_acme-challenge.www.example.com.", "example.com.", "v");
        assertEquals("_acme-challenge.www", record.relativeName());
        assertEquals("_acme-challenge.www.example.com", record.fqdn());
        assertEquals("example.com", record.zoneName());
        assertEquals("@", new ChallengeRecord("acme.example.com.", "acme.example.com.", "v").relativeName());
    }

    @Test
    void refusesRecordsOutsideTheirZone() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChallengeRecord("_acme-challenge.example.org.", "example.com.", "v"));
        assertThrows(IllegalArgumentException.class,
                () -> new ChallengeRecord("_acme-challenge.badexample.com.", "example.com.", "v"));
        assertThrows(IllegalArgumentException.class,
                () -> new ChallengeRecord("_acme-challenge.example.com", "example.com.", "v"));
    }
}
