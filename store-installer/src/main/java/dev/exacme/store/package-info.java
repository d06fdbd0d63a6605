/**
 * Puts a certificate chain and its private key somewhere a service can use it, and tells
 * who can open the key.
 *
 * <p>{@link dev.exacme.store.CertificateStore} is the one interface; its implementations
 * are the Windows machine store ({@code windows}: {@code LocalMachine\My} through JNA,
 * persisted machine keys with an explicit, verified DACL; not yet run on Windows) and the
 * file outputs ({@code pem}, {@code pfx}, {@code keystore}). This module knows nothing of
 * ACME.
 */
package dev.exacme.store;
