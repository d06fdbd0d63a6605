package dev.exacme.acme.dns.acmedns;

/**
 * One acme-dns account: the credentials for updates, and the name that
 * {@code _acme-challenge.<domain>} must be a CNAME to.
 *
 * @param username   {@code X-Api-User}
 * @param password   {@code X-Api-Key}; a secret
 * @param subdomain  the subdomain to update
 * @param fullDomain the CNAME target, e.g. {@code d420c923-....auth.example.org}
 */
public record AcmeDnsRegistration(String username, String password, String subdomain, String fullDomain) {

    @Override
    public String toString() {
        return "AcmeDnsRegistration[username=" + username + ", password=(hidden), subdomain=" + subdomain
                + ", fullDomain=" + fullDomain + "]";
    }
}
