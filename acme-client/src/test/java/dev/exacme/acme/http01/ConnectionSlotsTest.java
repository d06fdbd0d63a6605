package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionSlotsTest {

    @Test
    void anIpv6Slash64CountsAsOneOrigin() throws Exception {
        assertEquals(ConnectionSlots.origin(InetAddress.getByName("2001:db8:1:2::1")),
                ConnectionSlots.origin(InetAddress.getByName("2001:db8:1:2:ffff:eeee:dddd:cccc")));
        assertNotEquals(ConnectionSlots.origin(InetAddress.getByName("2001:db8:1:2::1")),
                ConnectionSlots.origin(InetAddress.getByName("2001:db8:1:3::1")));
        assertEquals("2001:db8:1:2::/64", ConnectionSlots.origin(InetAddress.getByName("2001:db8:1:2::1")));
        assertEquals("192.0.2.7", ConnectionSlots.origin(InetAddress.getByName("192.0.2.7")));
        // An IPv4 client on a dual-stack socket counts as its IPv4 address.
        assertEquals("192.0.2.7", ConnectionSlots.origin(InetAddress.getByName("::ffff:192.0.2.7")));
    }

    @Test
    void boundsPerOriginAndOverall() {
        var slots = new ConnectionSlots(2, 3);
        assertTrue(slots.tryAcquire("a"));
        assertTrue(slots.tryAcquire("a"));
        assertFalse(slots.tryAcquire("a"), "third from one origin");
        assertTrue(slots.tryAcquire("b"));
        assertFalse(slots.tryAcquire("c"), "fourth overall");
        slots.release("a");
        assertTrue(slots.tryAcquire("c"));
        assertFalse(slots.tryAcquire("a"));
        slots.release("b");
        assertTrue(slots.tryAcquire("a"));
    }
}
