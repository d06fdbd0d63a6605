package dev.exacme.acme.dns.rfc2136;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to send RFC 2136 dynamic updates: the primary server, and the TSIG key
 * that signs them (none for Windows DNS Server zones that accept non-secure updates).
 *
 * @param server    the primary server's address and port
 * @param tsig      the TSIG key, or empty for unsigned updates
 * @param ttl       the TTL of the TXT records written
 * @param timeout   limit per update
 */
public record Rfc2136Settings(InetSocketAddress server, Optional<TsigKey> tsig, Duration ttl, Duration timeout) {

    /**
     * A TSIG key.
     *
     * @param name      the key's name as the server knows it
     * @param algorithm {@code hmac-sha256} or {@code hmac-sha512} (also sha1, sha384, sha224)
     * @param secret    the base64 secret; never printed
     */
    public record TsigKey(String name, String algorithm, String secret) {

        private static final Map<String, String> ALGORITHMS = Map.of(
                "hmac-sha1", "hmac-sha1.", "hmac-sha224", "hmac-sha224.", "hmac-sha256", "hmac-sha256.",
                "hmac-sha384", "hmac-sha384.", "hmac-sha512", "hmac-sha512.");

        /**
         * Checks the key's parts.
         *
         * @throws InvalidRequest naming the part that is wrong
         */
        public TsigKey validated() throws InvalidRequest {
            if (name == null || name.isBlank()) {
                throw new InvalidRequest("--rfc2136-tsig-key needs the key's name as the DNS server knows it.");
            }
            if (!ALGORITHMS.containsKey(algorithm.toLowerCase(Locale.ROOT))) {
                throw new InvalidRequest("--rfc2136-tsig-algorithm '" + algorithm + "' is not one of "
                        + String.join(", ", ALGORITHMS.keySet().stream().sorted().toList()) + ".");
            }
            try {
                if (Base64.getDecoder().decode(secret.trim()).length == 0) {
                    throw new IllegalArgumentException("empty");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("The TSIG secret for key '" + name + "' is not base64 (as tsig-keygen and "
                        + "dnssec-keygen write it); check the file given with --rfc2136-tsig-secret-file.");
            }
            return this;
        }

        /** The algorithm as a DNS name, e.g. {@code hmac-sha256.}. */
        String algorithmName() {
            return ALGORITHMS.get(algorithm.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "TsigKey[name=" + name + ", algorithm=" + algorithm + ", secret=(hidden)]";
        }
    }
}
