package dev.exacme.acme.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {

    @Test
    void startsShortAndDoublesUpToTheCap() {
        var policy = PollingPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(20), policy.delayBefore(0));
        assertEquals(Duration.ofMillis(40), policy.delayBefore(1));
        assertEquals(Duration.ofMillis(640), policy.delayBefore(5));
        assertEquals(Duration.ofMillis(1280), policy.delayBefore(6));
        assertEquals(Duration.ofSeconds(2), policy.delayBefore(7));
        assertEquals(Duration.ofSeconds(2), policy.delayBefore(500));
    }

    @Test
    void refusesInconsistentPolicies() {
        assertThrows(IllegalArgumentException.class,
                () -> new PollingPolicy(Duration.ofSeconds(5), 2, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new PollingPolicy(Duration.ofMillis(5), 0.5, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> PollingPolicy.DEFAULT.withTimeout(Duration.ZERO));
    }
}
