/**
 * Verification on the wire: after a new certificate is enabled for Exchange services and
 * IIS bindings, every endpoint is connected to and the certificate it presents is compared
 * with the one that was deployed, before anything old is removed.
 *
 * <p>{@link dev.exacme.exchange.verify.WireProbe} reads what one {@link dev.exacme.exchange.verify.Endpoint}
 * presents (implicit TLS or STARTTLS for SMTP, IMAP and POP3, with or without SNI);
 * {@link dev.exacme.exchange.verify.WireVerifier} checks a list of endpoints against the expected
 * thumbprint and returns a {@link dev.exacme.exchange.verify.Verification}. Network problems are
 * reported in words, never thrown.
 */
package dev.exacme.exchange.verify;
