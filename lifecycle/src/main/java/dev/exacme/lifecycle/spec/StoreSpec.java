package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.KeyRights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where certificate, chain and key are installed. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StoreSpec.Pem.class, name = "pem"),
    @JsonSubTypes.Type(value = StoreSpec.Pfx.class, name = "pfx"),
    @JsonSubTypes.Type(value = StoreSpec.Keystore.class, name = "keystore"),
    @JsonSubTypes.Type(value = StoreSpec.WindowsMachine.class, name = "windows")})
public sealed interface StoreSpec {

    /**
     * Checks the store's settings: absolute paths, a password source, a known keystore type.
     *
     * @throws InvalidRequest naming the option and what to do
     */
    void validate() throws InvalidRequest;

    /**
     * The place this store writes to, as one text ({@code pem:/dir}, {@code keystore:/file#alias}),
     * so that two managed certificates never share one; empty for the Windows machine store, where
     * certificates live side by side.
     */
    String location();

    /**
     * PEM files {@code cert.pem}, {@code chain.pem}, {@code fullchain.pem} and {@code key.pem}.
     *
     * @param directory the directory, absolute
     * @param keyGroup  a group that may also read the key (mode 0640), null for owner-only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pem(String directory, String keyGroup) implements StoreSpec {
        @Override
        public void validate() throws InvalidRequest {
            requireAbsolute(directory, "--out");
        }

        @Override
        public String location() {
            return "pem:" + Path.of(directory).normalize();
        }
    }

    /**
     * A PKCS#12 file.
     *
     * @param file     the file, absolute
     * @param password where its password comes from
     * @param legacy   3DES/SHA-1 for Windows Server 2016 and older instead of AES-256/SHA-256
     * @param keyGroup a group that may also read the file, null for owner-only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pfx(String file, SecretSource password, boolean legacy, String keyGroup) implements StoreSpec {
        @Override
        public void validate() throws InvalidRequest {
            requireAbsolute(file, "--pfx-file");
            if (password == null) {
                throw new InvalidRequest("--store pfx needs a password: --pfx-password-file FILE (owner-only),"
                        + " secret:NAME or the EXACME_PFX_PASSWORD environment variable.");
            }
        }

        @Override
        public String location() {
            return "pfx:" + Path.of(file).normalize();
        }
    }

    /**
     * A Java keystore entry.
     *
     * @param file         the keystore, absolute
     * @param keystoreType {@code PKCS12} or {@code JKS}
     * @param alias        the key entry replaced
     * @param password     where its password comes from
     * @param keyGroup     a group that may also read the file, null for owner-only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Keystore(String file, String keystoreType, String alias, SecretSource password, String keyGroup)
            implements StoreSpec {
        @Override
        public void validate() throws InvalidRequest {
            requireAbsolute(file, "--keystore-file");
            if (!List.of("PKCS12", "JKS").contains(keystoreType)) {
                throw new InvalidRequest("--keystore-type " + keystoreType + " is not jks or pkcs12.");
            }
            if (alias == null || alias.isBlank()) {
                throw new InvalidRequest("--keystore-alias must name the key entry.");
            }
            if (password == null) {
                throw new InvalidRequest("--store keystore needs a password: --keystore-password-file FILE"
                        + " (owner-only), secret:NAME or the EXACME_KEYSTORE_PASSWORD environment variable.");
            }
        }

        @Override
        public String location() {
            return "keystore:" + Path.of(file).normalize() + "#" + alias.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code LocalMachine\My} with a verified key DACL (not yet run on Windows).
     *
     * @param cng        RSA keys into the CNG Software Key Storage Provider instead of the SChannel CSP
     * @param exportable whether the key may be exported later
     * @param aclRead    accounts that may also use the key
     * @param aclFull    accounts that also get full control of the key
     */
    record WindowsMachine(boolean cng, boolean exportable, List<String> aclRead, List<String> aclFull)
            implements StoreSpec {
        /** Copies the lists. */
        public WindowsMachine {
            aclRead = aclRead == null ? List.of() : List.copyOf(aclRead);
            aclFull = aclFull == null ? List.of() : List.copyOf(aclFull);
        }

        @Override
        public void validate() {
        }

        @Override
        public String location() {
            return "";
        }

        /** The key access asked for beyond SYSTEM, Administrators and NETWORK SERVICE. */
        public List<KeyGrant> grants() {
            var grants = new ArrayList<KeyGrant>();
            aclRead.forEach(account -> grants.add(new KeyGrant(account, KeyRights.READ)));
            aclFull.forEach(account -> grants.add(new KeyGrant(account, KeyRights.FULL_CONTROL)));
            return List.copyOf(grants);
        }
    }

    private static void requireAbsolute(String path, String option) throws InvalidRequest {
        if (path == null || path.isBlank()) {
            throw new InvalidRequest(option + " needs a path.");
        }
        try {
            if (!Path.of(path).isAbsolute()) {
                throw new InvalidRequest(option + " " + path + " is not an absolute path.");
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidRequest(option + " " + path + " is not a path on this system.");
        }
    }
}
