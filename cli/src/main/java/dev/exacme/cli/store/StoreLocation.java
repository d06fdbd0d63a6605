package dev.exacme.cli.store;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.dns.SecretSources;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.store.Stores;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.StoreException;
import dev.exacme.store.pem.PemStore;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Which store, and where: the options every {@code exacme store} command reads, and the first
 * half of a certificate's store options ({@link StoreOptions} adds how a key is installed).
 */
public final class StoreLocation {

    /** The stores {@code --store} names. */
    public enum Kind { WINDOWS, PEM, PFX, KEYSTORE }

    @Option(names = "--store", paramLabel = "windows|pem|pfx|keystore",
            description = "Where the certificate goes: the Windows machine store LocalMachine\\My (default on Windows;"
                    + " not yet run on Windows), PEM files (default elsewhere, under the config directory's pem/"
                    + " folder or --out), a PFX file (--pfx-file) or a Java keystore (--keystore-file).")
    private String store;

    @Option(names = "--out", paramLabel = "DIR",
            description = "PEM files in exactly this directory (implies --store pem): cert.pem, chain.pem,"
                    + " fullchain.pem, key.pem; the previous set is kept as DIR.previous.")
    private Path out;

    @Option(names = "--key-group", paramLabel = "GROUP",
            description = "Files holding the key are readable by this group as well (mode 0640), e.g. the web"
                    + " server's group; otherwise owner-only (0600).")
    private String keyGroup;

    @Option(names = "--pfx-file", paramLabel = "FILE", description = "--store pfx: the PKCS#12 file to write.")
    private Path pfxFile;

    @Option(names = "--pfx-password-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "--store pfx: owner-only file holding the PFX password (or EXACME_PFX_PASSWORD).")
    private String pfxPasswordFile;

    @Option(names = "--keystore-file", paramLabel = "FILE", description = "--store keystore: the keystore to update.")
    private Path keystoreFile;

    @Option(names = "--keystore-type", paramLabel = "jks|pkcs12", defaultValue = "pkcs12",
            description = "--store keystore: the keystore format (default: ${DEFAULT-VALUE}).")
    private String keystoreType;

    @Option(names = "--keystore-alias", paramLabel = "ALIAS", defaultValue = "exacme",
            description = "--store keystore: the key entry to replace (default: ${DEFAULT-VALUE}).")
    private String keystoreAlias;

    @Option(names = "--keystore-password-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "--store keystore: owner-only file holding the keystore password (or"
                    + " EXACME_KEYSTORE_PASSWORD).")
    private String keystorePasswordFile;

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

    /**
     * The store chosen, every default resolved: PEM files default to {@code defaultPem}; keys
     * are installed as {@code installing} says.
     *
     * @throws InvalidRequest for options that do not go with the store
     */
    StoreSpec spec(Path defaultPem, StoreOptions.Installing installing) throws InvalidRequest {
        var kind = kind();
        if (kind != Kind.PFX && (pfxFile != null || pfxPasswordFile != null || installing.pfxLegacy())) {
            throw new InvalidRequest("--pfx-file, --pfx-password-file and --pfx-legacy apply to --store pfx only; this"
                    + " certificate's store is " + kind.name().toLowerCase(Locale.ROOT) + ".");
        }
        if (kind != Kind.KEYSTORE && (keystoreFile != null || keystorePasswordFile != null)) {
            throw new InvalidRequest("--keystore-file and --keystore-password-file apply to --store keystore only;"
                    + " this certificate's store is " + kind.name().toLowerCase(Locale.ROOT) + ".");
        }
        if (kind != Kind.PEM && out != null) {
            throw new InvalidRequest("--out names a PEM directory; it does not go with --store "
                    + kind.name().toLowerCase(Locale.ROOT) + ".");
        }
        switch (kind) {
            case WINDOWS -> {
                if (keyGroup != null) {
                    throw new InvalidRequest("--key-group is for file stores; use --acl-read for the Windows store.");
                }
                return new StoreSpec.WindowsMachine(installing.cng(), installing.exportable(), installing.aclRead(),
                        installing.aclFull());
            }
            case PFX -> {
                if (pfxFile == null) {
                    throw new InvalidRequest("--store pfx needs --pfx-file FILE.");
                }
                return new StoreSpec.Pfx(pfxFile.toAbsolutePath().toString(),
                        SecretSources.fileOrEnvironment(pfxPasswordFile, "EXACME_PFX_PASSWORD"), installing.pfxLegacy(),
                        keyGroup);
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
                return new StoreSpec.Keystore(keystoreFile.toAbsolutePath().toString(), type, keystoreAlias,
                        SecretSources.fileOrEnvironment(keystorePasswordFile, "EXACME_KEYSTORE_PASSWORD"), keyGroup);
            }
            default -> {
                return new StoreSpec.Pem((out != null ? out : defaultPem).toAbsolutePath().toString(), keyGroup);
            }
        }
    }

    /**
     * Opens the chosen store for {@code exacme store}: without {@code --out}, the PEM store is
     * every certificate directory under {@code <config>/pem/}. Each key is checked against the
     * group {@code --key-group} names, or else the managed certificate whose store it is; a
     * key no definition owns may be read by its group with only a warning.
     */
    public CertificateStore open(Path configDirectory) throws InvalidRequest, StoreException, java.io.IOException {
        var pem = ConfigDirectory.pem(configDirectory);
        var kind = kind();
        if (kind == Kind.WINDOWS) {
            return Stores.open(spec(pem, StoreOptions.Installing.NONE), SecretStore.open(configDirectory),
                    System.getenv());
        }
        var groups = DefinedKeyGroups.of(configDirectory);
        if (kind == Kind.PEM && out == null) {
            return PemStore.perName(pem, directory -> groups.protection(
                    DefinedKeyGroups.target(new StoreSpec.Pem(directory.toString(), null)), keyGroup));
        }
        var spec = spec(pem, StoreOptions.Installing.NONE);
        return Stores.open(spec, groups.protection(DefinedKeyGroups.target(spec), keyGroup),
                SecretStore.open(configDirectory), System.getenv());
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
