/**
 * Hands a certificate that is already in the machine store to Exchange and IIS, and proves
 * it is served.
 *
 * <p>{@code powershell}: the Windows PowerShell 5.1 runner and scripts built from typed
 * values; {@code certificates}, {@code connectors}: what Exchange reports; {@code iis}: IIS's
 * sites and bindings, their shell and the plan for named sites, without Exchange;
 * {@code rollout}: applying a plan's changes, verifying on the wire and rolling back, for
 * Exchange and IIS alike; {@code deploy}: the Exchange plan; {@code verify}: the check on the
 * wire; {@code doctor}: the cumulative-update preflight; {@code rescue}: putting a broken server
 * back on its self-signed certificate; {@code dnsserver}: TXT records on a Windows DNS server
 * (the {@code windows} DNS-01 provider's PowerShell). Not yet run on Windows.
 */
package dev.exacme.exchange;
