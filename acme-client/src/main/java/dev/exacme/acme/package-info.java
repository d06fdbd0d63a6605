/**
 * The ACME side of exacme: talking to a certificate authority (RFC 8555) and coming back
 * with an issued certificate, its chain and its private key.
 *
 * <p>Subpackages by feature: {@code ca} (which server, which trust), {@code account}
 * (registration and the stored account key), {@code order} (names, key types, the order
 * flow itself), {@code http01} (answering HTTP-01 challenges), {@code polling} (our own
 * backoff instead of acme4j's fixed three seconds), {@code failure} (typed, explained
 * errors), {@code progress} (what the flow is waiting for), {@code keys} and
 * {@code storage} (PEM encoding and owner-only atomic files). This module knows nothing of
 * certificate stores or Exchange.
 */
package dev.exacme.acme;
