/**
 * Puts a certificate chain and its private key somewhere a service can use it.
 *
 * <p>This module will own the Windows machine store ({@code LocalMachine\My}) through JNA,
 * with private keys persisted as machine keys and an explicit, verified DACL (SYSTEM and
 * BUILTIN\Administrators full control, NETWORK SERVICE read); PFX, PEM and Java keystore
 * outputs; reading, writing and repairing private-key access rules; and removal of
 * superseded certificates. It knows nothing of ACME. No code yet: see the store-installer
 * issue.
 */
package dev.exacme.store;
