/**
 * The ACME side of exacme: talking to a certificate authority (RFC 8555) and coming back
 * with an issued certificate, its chain and its private key.
 *
 * <p>Subpackages by feature: {@code ca} (which server), {@code network} (proxy, timeouts,
 * trusted roots for every outbound HTTP client), {@code account} (registration and the
 * stored account key), {@code order} (names, key types, the order flow itself),
 * {@code challenge} (the solver interface and HTTP-01's), {@code http01} (listener and
 * webroot), {@code dns} (DNS-01: lookups, propagation, one package per provider),
 * {@code polling} (our own backoff instead of acme4j's fixed three seconds), {@code program}
 * (running an administrator's program with a timeout, for the DNS and deployment scripts), {@code failure}
 * (typed, explained errors), {@code progress} (what the flow is waiting for), {@code keys}
 * and {@code storage} (PEM encoding and owner-only atomic files). This module knows nothing
 * of certificate stores or Exchange.
 */
package dev.exacme.acme;
