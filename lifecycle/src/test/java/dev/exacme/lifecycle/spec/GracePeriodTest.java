package dev.exacme.lifecycle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --keep-old grace period: a tenth of the certificate's own lifetime by default, a given duration kept as it is. */
class GracePeriodTest {

    private static final Instant ISSUED = Instant.parse("2026-06-01T00:00:00Z");

    private static Duration keptFor(GracePeriod period, Duration lifetime) {
        return period.of(ISSUED, ISSUED.plus(lifetime));
    }

    @Test
    void theDefaultIsATenthOfTheLifetimeAtMostSevenDays() {
        assertEquals(Duration.ofDays(7), keptFor(GracePeriod.DEFAULT, Duration.ofDays(90)), "90 days: as before");
        assertEquals(Duration.ofDays(6).plusHours(9).plusMinutes(36), keptFor(GracePeriod.DEFAULT,
                Duration.ofDays(64)), "classic from 2027");
        assertEquals(Duration.ofDays(4).plusHours(12), keptFor(GracePeriod.DEFAULT, Duration.ofDays(45)), "tlsserver");
        assertEquals(Duration.ofHours(14).plusMinutes(24), keptFor(GracePeriod.DEFAULT, Duration.ofDays(6)),
                "six-day shortlived");
        assertEquals(Duration.ofHours(16), keptFor(GracePeriod.DEFAULT, Duration.ofHours(160)),
                "Let's Encrypt's shortlived is 160 hours");
        assertEquals(Duration.ofDays(7), keptFor(GracePeriod.DEFAULT, Duration.ofDays(398)), "capped");
        assertEquals("a tenth of the certificate's lifetime, at most 7d", GracePeriod.DEFAULT.describe());
    }

    @Test
    void aGivenDurationIsTheSameForEveryLifetime() {
        var week = GracePeriod.fixed(Duration.ofDays(7));
        for (var lifetime : List.of(Duration.ofDays(6), Duration.ofDays(90))) {
            assertEquals(Duration.ofDays(7), keptFor(week, lifetime));
        }
        assertEquals("7d", week.describe());
        assertEquals("36h", GracePeriod.fixed(Duration.ofHours(36)).describe());
        assertEquals(GracePeriod.DEFAULT, GracePeriod.givenOrDefault(null), "an option left out");
        assertEquals(GracePeriod.fixed(Duration.ZERO), GracePeriod.givenOrDefault(Duration.ZERO));
    }

    @Test
    void definitionsWrittenBeforeRelativePeriodsKeepTheirFixedPeriodAndTheirDeploymentKey() throws Exception {
        var written = "{\"type\":\"iis\",\"sites\":[\"Default Web Site\"],\"sni\":true,\"port\":443,"
                + "\"powershellTimeout\":\"PT5M\",\"keepOld\":\"PT168H\"}";
        var read = (DeploymentSpec.Iis) SpecJson.MAPPER.readValue(written, DeploymentSpec.class);

        assertEquals(GracePeriod.fixed(Duration.ofDays(7)), read.keepOld());
        assertEquals(SpecJson.MAPPER.readTree(written), SpecJson.MAPPER.readTree(SpecJson.MAPPER.writeValueAsString(read)),
                "written back the same, so the recorded deployment key does not change");
        assertEquals(new DeploymentSpec.Iis(List.of("Default Web Site"), true, 443, Duration.ofMinutes(5),
                Duration.ofDays(7)).key(), read.key());
    }

    @Test
    void aRelativePeriodIsRecordedWithItsShareAndCapSoALaterDefaultDoesNotChangeIt() throws Exception {
        var exchange = new DeploymentSpec.Exchange(List.of("EX01"), false, null, List.of("IIS"), false, false, null,
                false, Duration.ofMinutes(5), GracePeriod.DEFAULT);

        var json = SpecJson.MAPPER.readTree(SpecJson.MAPPER.writeValueAsString(exchange));

        assertEquals(0.1, json.get("keepOld").get("shareOfLifetime").asDouble());
        assertEquals("PT168H", json.get("keepOld").get("atMost").asText());
        assertEquals(exchange, SpecJson.MAPPER.treeToValue(json, DeploymentSpec.class));
    }

    @Test
    void aBrokenPeriodIsRefusedNamingTheOption() {
        var negative = assertThrows(InvalidRequest.class, () -> new DeploymentSpec.Iis(List.of("Default Web Site"),
                true, 443, Duration.ofMinutes(5), Duration.ofDays(-1)).validate(new StoreSpec.WindowsMachine(false,
                false, List.of(), List.of())));
        assertTrue(negative.getMessage().startsWith("--keep-old must be a duration"), negative.getMessage());
        var share = assertThrows(InvalidRequest.class, () -> new GracePeriod.ShareOfLifetime(1.5,
                Duration.ofDays(7)).validate());
        assertTrue(share.getMessage().contains("shareOfLifetime"), share.getMessage());
        var unreadable = assertThrows(Exception.class, () -> SpecJson.MAPPER.readValue("{\"type\":\"iis\","
                + "\"keepOld\":\"a week\"}", DeploymentSpec.class));
        assertTrue(SpecJson.describe(unreadable).contains("keepOld"), SpecJson.describe(unreadable));
    }
}
