package dev.exacme.acme.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a test asked of its Pebble, turned into what Pebble 2.4.0 reads: the JSON
 * configuration file and the {@code PEBBLE_*} environment.
 *
 * @param nonceRejectPercent {@code PEBBLE_WFE_NONCEREJECT}
 * @param authzReusePercent  {@code PEBBLE_AUTHZREUSE}
 * @param alternateRoots     {@code PEBBLE_ALTERNATE_ROOTS}
 * @param macKeys            external account binding: key id to base64url HMAC key; empty for no binding
 * @param dnsServer          a DNS server to resolve through instead of a challtestsrv of its own
 * @param validity           {@code certificateValidityPeriod}: how long issued certificates are valid
 */
record PebbleSettings(int nonceRejectPercent, int authzReusePercent, int alternateRoots,
                      Map<String, String> macKeys, Optional<String> dnsServer, Optional<java.time.Duration> validity) {

    PebbleSettings {
        macKeys = Map.copyOf(macKeys);
    }

    /** The configuration file's content for these ports and this TLS identity. */
    String configJson(PebblePorts ports, PebbleTls tls) {
        var pebble = new LinkedHashMap<String, Object>();
        pebble.put("listenAddress", "127.0.0.1:" + ports.acme());
        pebble.put("managementListenAddress", "127.0.0.1:" + ports.management());
        pebble.put("certificate", tls.certificatePem().toAbsolutePath().toString());
        pebble.put("privateKey", tls.keyPem().toAbsolutePath().toString());
        pebble.put("httpPort", ports.httpChallenge());
        pebble.put("tlsPort", ports.tlsAlpnChallenge());
        // No OCSP responder runs in tests, so issued certificates must not point at one.
        pebble.put("ocspResponderURL", "");
        pebble.put("externalAccountBindingRequired", !macKeys.isEmpty());
        pebble.put("externalAccountMACKeys", new LinkedHashMap<>(macKeys));
        validity.ifPresent(period -> pebble.put("certificateValidityPeriod", period.toSeconds()));
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("pebble", pebble));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }

    /**
     * Pebble's environment. Every variable is set explicitly because Pebble's defaults (5 % of
     * nonces refused, 50 % of authorizations reused, random sleeps before each validation)
     * make tests slow and nondeterministic unless a test asks for that behaviour.
     */
    Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("PEBBLE_VA_NOSLEEP", "1");
        environment.put("PEBBLE_WFE_NONCEREJECT", Integer.toString(nonceRejectPercent));
        environment.put("PEBBLE_AUTHZREUSE", Integer.toString(authzReusePercent));
        environment.put("PEBBLE_ALTERNATE_ROOTS", Integer.toString(alternateRoots));
        return environment;
    }
}
