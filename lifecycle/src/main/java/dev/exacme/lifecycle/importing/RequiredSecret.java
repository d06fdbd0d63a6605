package dev.exacme.lifecycle.importing;

/**
 * A secret an imported definition refers to ({@code secret:NAME}) that the administrator must
 * enter with {@code exacme secret set NAME}: the other tool keeps its own encrypted for its own
 * account, which exacme does not try to decrypt.
 *
 * @param name the secret's name in exacme
 * @param what what it is, in the other tool's words (e.g. "Cloudflare API token of credential 'cf-prod'")
 */
public record RequiredSecret(String name, String what) {
}
