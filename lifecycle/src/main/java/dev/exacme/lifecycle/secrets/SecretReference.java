package dev.exacme.lifecycle.secrets;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;

/**
 * A setting that names a secret instead of holding it: {@code secret:cloudflare-token}.
 * Definitions (managed certificates, DNS provider settings, notifications) keep such
 * references; the value is looked up in the {@link SecretStore} only when it is used.
 */
public final class SecretReference {

    /** What starts a reference. */
    public static final String PREFIX = "secret:";

    private SecretReference() {
    }

    /** Whether {@code value} is a reference ({@code secret:NAME}). */
    public static boolean isReference(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * The stored secret for {@code secret:NAME}; any other value as it is.
     *
     * @throws InvalidRequest if the name is not valid or the store does not have it, saying
     *                        how to add it; or if its file is readable by others
     * @throws IOException    naming the file if it cannot be read or unprotected
     */
    public static String resolve(String value, SecretStore store) throws InvalidRequest, IOException {
        if (!isReference(value)) {
            return value;
        }
        var name = SecretName.of(value.substring(PREFIX.length())).value();
        return store.get(name).orElseThrow(() -> new InvalidRequest("secret '" + name
                + "' is not in the secret store (" + store.directory() + "); add it with: exacme secret set " + name));
    }
}
