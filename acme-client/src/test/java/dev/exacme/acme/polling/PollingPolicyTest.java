package dev.exacme.acme.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {

    @Test
    void startsShortAndDoublesUpToTheCap() {
        var policy = PollingPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(50), policy.delayBefore(0));
        assertEquals(Duration.ofMillis(100), policy.delayBefore(1));
        assertEquals(Duration.ofMillis(1600), policy.delayBefore(5));
        assertEquals(Duration.ofSeconds(2), policy.delayBefore(6));
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
