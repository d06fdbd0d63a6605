package dev.exacme.cli.store;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.secrets.SecretFile;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.KeyRights;
import dev.exacme.store.StoreException;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.keystore.KeystoreFile;
import dev.exacme.store.keystore.KeystoreStore;
import dev.exacme.store.pem.PemStore;
import dev.exacme.store.pfx.PfxStore;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import dev.exacme.store.windows.MachineStore;
import dev.exacme.store.windows.NativeMachineStoreApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where certificates go ({@code --store}) and the options of each store. Bad combinations
 * are refused before anything is ordered.
 */
public final class StoreOptions {

    /** The stores {@code --store} names. */
    public enum Kind { WINDOWS, PEM, PFX, KEYSTORE }

    @Option(names = "--store", paramLabel = "windows|pem|pfx|keystore",
            description = "Where the certificate goes: the Windows machine store LocalMachine\\My (default on Windows;"
                    + " not yet run on Windows), PEM files (default elsewhere, under the config directory's pem/"
                    + " folder or --out), a PFX file (--pfx-file) or a Java keystore (--keystore-file).")
    String store;

    @Option(names = "--out", paramLabel = "DIR",
            description = "PEM files in exactly this directory (implies --store pem): cert.pem, chain.pem,"
                    + " fullchain.pem, key.pem; the previous set is kept as DIR.previous.")
    Path out;

    @Option(names = "--key-group", paramLabel = "GROUP",
            description = "Files holding the key are readable by this group as well (mode 0640), e.g. the web"
                    + " server's group; otherwise owner-only (0600).")
    String keyGroup;

    @Option(names = "--pfx-file", paramLabel = "FILE", description = "--store pfx: the PKCS#12 file to write.")
    Path pfxFile;

    @Option(names = "--pfx-password-file", paramLabel = "FILE",
            description = "--store pfx: owner-only file holding the PFX password (or EXACME_PFX_PASSWORD).")
    Path pfxPasswordFile;

    @Option(names = "--pfx-legacy",
            description = "--store pfx: 3DES/SHA-1 instead of AES-256/SHA-256, for Windows Server 2016 and older.")
    boolean pfxLegacy;

    @Option(names = "--keystore-file", paramLabel = "FILE", description = "--store keystore: the keystore to update.")
    Path keystoreFile;

    @Option(names = "--keystore-type", paramLabel = "jks|pkcs12", defaultValue = "pkcs12",
            description = "--store keystore: the keystore format (default: ${DEFAULT-VALUE}).")
    String keystoreType;

    @Option(names = "--keystore-alias", paramLabel = "ALIAS", defaultValue = "exacme",
            description = "--store keystore: the key entry to replace (default: ${DEFAULT-VALUE}).")
    String keystoreAlias;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "--store keystore: owner-only file holding the keystore password (or"
                    + " EXACME_KEYSTORE_PASSWORD).")
    Path keystorePasswordFile;

    @Option(names = "--cng", description = "--store windows: RSA keys into the CNG Software Key Storage Provider"
            + " instead of the SChannel CSP (Exchange's OWA/ECP forms login needs the CSP).")
    boolean cng;

    @Option(names = "--exportable", description = "--store windows: let the private key be exported later.")
    boolean exportable;

    @Option(names = "--acl-read", paramLabel = "ACCOUNT", split = ",",
            description = "--store windows: also let this account (DOMAIN\\name, group or SID) use the key.")
    List<String> aclRead = new ArrayList<>();

    @Option(names = "--acl-full", paramLabel = "ACCOUNT", split = ",",
            description = "--store windows: also give this account full control of the key.")
    List<String> aclFull = new ArrayList<>();

    /** A thumbprint as the person typed it; bad input is a usage error naming it. */
    public static dev.exacme.store.Thumbprint thumbprint(String text) throws InvalidRequest {
        try {
            return dev.exacme.store.Thumbprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }

    /** The store chosen, or the platform's default. */
    public Kind kind() throws InvalidRequest {
        if (store == null) {
            if (pfxFile != null) {
                return Kind.PFX;
            }
            if (keystoreFile != null) {
                return Kind.KEYSTORE;
            }
            return windows() && out == null ? Kind.WINDOWS : Kind.PEM;
        }
        try {
            return Kind.valueOf(store.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("--store " + store + " is not a store; choose windows, pem, pfx or keystore.");
        }
    }

    /** The extra key access asked for with {@code --acl-read} and {@code --acl-full}. */
    public List<KeyGrant> grants() {
        var grants = new ArrayList<KeyGrant>();
        aclRead.forEach(account -> grants.add(new KeyGrant(account, KeyRights.READ)));
        aclFull.forEach(account -> grants.add(new KeyGrant(account, KeyRights.FULL_CONTROL)));
        return grants;
    }

    /** Opens the chosen store, checking its options; PEM files default to {@code <config>/pem/<first name>/}. */
    public CertificateStore open(Path configDirectory) throws InvalidRequest, StoreException {
        var kind = kind();
        if (kind != Kind.WINDOWS && (cng || exportable || !aclRead.isEmpty() || !aclFull.isEmpty())) {
            throw new InvalidRequest("--cng, --exportable, --acl-read and --acl-full apply to --store windows only;"
                    + " file stores are protected by their file permissions (--key-group).");
        }
        if (kind != Kind.PEM && out != null) {
            throw new InvalidRequest("--out names a PEM directory; it does not go with --store " + store + ".");
        }
        var keyProtection = FileProtection.secret(Optional.ofNullable(keyGroup));
        switch (kind) {
            case WINDOWS -> {
                if (!windows()) {
                    throw new InvalidRequest("--store windows needs Windows; on this system use --store pem, pfx"
                            + " or keystore.");
                }
                if (keyGroup != null) {
                    throw new InvalidRequest("--key-group is for file stores; use --acl-read for the Windows store.");
                }
                return new MachineStore(new NativeMachineStoreApi(), new MachineStore.Options(cng, exportable, grants()));
            }
            case PFX -> {
                if (pfxFile == null) {
                    throw new InvalidRequest("--store pfx needs --pfx-file FILE.");
                }
                var password = SecretFile.fromFileOrEnvironment(pfxPasswordFile, "--pfx-password-file",
                        "EXACME_PFX_PASSWORD", "--store pfx needs a password: --pfx-password-file FILE (owner-only)"
                                + " or the EXACME_PFX_PASSWORD environment variable.");
                return new PfxStore(pfxFile, password.toCharArray(),
                        pfxLegacy ? Pkcs12Encryption.LEGACY_3DES_SHA1 : Pkcs12Encryption.AES256_SHA256, keyProtection);
            }
            case KEYSTORE -> {
                if (keystoreFile == null) {
                    throw new InvalidRequest("--store keystore needs --keystore-file FILE.");
                }
                var type = switch (keystoreType.toLowerCase(Locale.ROOT)) {
                    case "jks" -> "JKS";
                    case "pkcs12", "p12" -> "PKCS12";
                    default -> throw new InvalidRequest("--keystore-type " + keystoreType + " is not jks or pkcs12.");
                };
                var password = SecretFile.fromFileOrEnvironment(keystorePasswordFile, "--keystore-password-file",
                        "EXACME_KEYSTORE_PASSWORD", "--store keystore needs a password: --keystore-password-file FILE"
                                + " (owner-only) or the EXACME_KEYSTORE_PASSWORD environment variable.");
                return new KeystoreStore(keystoreFile, new KeystoreFile(keystoreFile, type, password.toCharArray()),
                        keystoreAlias, keyProtection);
            }
            default -> {
                return out != null ? PemStore.directory(out, keyProtection)
                        : PemStore.perName(ConfigDirectory.pem(configDirectory), keyProtection);
            }
        }
    }

    /** The PEM directory a certificate for {@code firstName} goes to, when the store is PEM. */
    public Optional<Path> pemDirectory(Path configDirectory, String firstName) throws InvalidRequest {
        if (kind() != Kind.PEM) {
            return Optional.empty();
        }
        return Optional.of(out != null ? out.toAbsolutePath()
                : ConfigDirectory.pem(configDirectory).resolve(firstName.replace('*', '_')).toAbsolutePath());
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
