package dev.exacme.acme.dns;

/**
 * One DNS-01 TXT record to publish: where (after following {@code _acme-challenge} CNAMEs),
 * in which zone, with which value. Several records may share a name (a name and its
 * wildcard in one order); providers add and remove values, never whole record sets.
 *
 * @param name  the absolute record name, with trailing dot
 * @param zone  the absolute name of the zone that holds it, with trailing dot
 * @param value the TXT value the CA expects (the key authorization digest)
 */
public record ChallengeRecord(String name, String zone, String value) {

    public ChallengeRecord {
        if (!name.endsWith(".") || !zone.endsWith(".")) {
            throw new IllegalArgumentException("record and zone names must be absolute: " + name + ", " + zone);
        }
        if (!name.equals(zone) && !name.endsWith("." + zone)) {
            throw new IllegalArgumentException(name + " is not inside the zone " + zone);
        }
    }

    /** The name relative to the zone ({@code _acme-challenge.www}), as many provider APIs want it. */
    public String relativeName() {
        return name.equals(zone) ? "@" : name.substring(0, name.length() - zone.length() - 1);
    }

    /** The name without its trailing dot. */
    public String fqdn() {
        return name.substring(0, name.length() - 1);
    }

    /** The zone without its trailing dot. */
    public String zoneName() {
        return zone.substring(0, zone.length() - 1);
    }
}
