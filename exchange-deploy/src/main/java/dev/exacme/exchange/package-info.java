/**
 * Hands a certificate that is already in the machine store to Exchange and IIS.
 *
 * <p>This module will own the PowerShell runner, {@code Enable-ExchangeCertificate}, IIS
 * bindings, SMTP connectors, verification that the new certificate is served on the wire,
 * rollback, the cumulative-update preflight ({@code doctor}) and {@code rescue}. No code
 * yet: see the exchange-deploy issue.
 */
package dev.exacme.exchange;
