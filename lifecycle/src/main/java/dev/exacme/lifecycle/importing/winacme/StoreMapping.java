package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The store plugins ({@code StorePluginOptions}, a list) as exacme's one store: the Windows
 * certificate store with win-acme's key ACL extras, PEM files in a directory per certificate,
 * or a PFX file. exacme installs into one store; when win-acme had several, the Windows store
 * is kept if a deployment needs it, else the first, and the others are reported.
 */
final class StoreMapping {

    /** SIDs win-acme itself puts for these names ({@code CertificateStore.SetAcl}), not localized names. */
    private static final String ADMINISTRATORS = "S-1-5-32-544";
    private static final String NETWORK_SERVICE = "S-1-5-20";
    private static final String SYSTEM = "S-1-5-18";

    private StoreMapping() {
    }

    /**
     * The store chosen, with what a script placeholder and the current certificate need to know.
     *
     * @param spec        the exacme store
     * @param winAcmeType win-acme's {@code StoreInfo.Name} of it ({@code {StoreType}})
     * @param winAcmePath win-acme's {@code StoreInfo.Path} of it ({@code {StorePath}})
     * @param certificate win-acme's PEM certificate file, when the store is PEM files
     */
    record ChosenStore(StoreSpec spec, String winAcmeType, String winAcmePath, Optional<Path> certificate) {
    }

    /**
     * exacme's store.
     *
     * @param windowsWanted whether a deployment (IIS, Exchange) needs the Windows store
     * @throws Refusal when no store win-acme used is one exacme has
     */
    static ChosenStore store(List<JsonNode> stores, boolean windowsWanted, SourceNames names,
                             RenewalContext context) throws Refusal {
        var mappable = new ArrayList<JsonNode>();
        var others = new ArrayList<String>();
        for (var options : stores) {
            var guid = RenewalJson.text(options, "Plugin").orElse(null);
            var plugin = WinAcmePlugin.of(WinAcmePlugin.Step.STORE, guid);
            if (plugin.isEmpty()) {
                others.add("the store plugin " + guid + ", which is not one of win-acme's or simple-acme's");
                continue;
            }
            switch (plugin.get()) {
                case STORE_CERTIFICATE_STORE, STORE_PEM_FILES, STORE_PFX_FILE -> mappable.add(options);
                case STORE_CENTRAL_SSL -> others.add("the IIS Central Certificate Store"
                        + RenewalJson.text(options, "Path").map(path -> " in " + path).orElse("")
                        + ", for which exacme has no store: sites bound through it keep serving the old file");
                case STORE_NONE -> {
                    // Beside another store it adds nothing; alone it is the reason for the refusal below.
                    if (stores.size() == 1) {
                        others.add("no store (the certificate only in win-acme's cache)");
                    }
                }
                default -> others.add(plugin.get().description() + ", for which exacme has no store");
            }
        }
        if (mappable.isEmpty()) {
            throw new Refusal("win-acme stores the certificate in " + (others.isEmpty() ? "no store" : String.join(
                    "; ", others)) + "; exacme installs into the Windows machine store, PEM files, a PFX file or a"
                    + " Java keystore: choose one with 'exacme add --store'.");
        }
        others.forEach(other -> context.unmapped("store: " + other + "."));
        var chosen = mappable.get(0);
        for (var options : mappable) {
            if (windowsWanted && plugin(options) == WinAcmePlugin.STORE_CERTIFICATE_STORE) {
                chosen = options;
                break;
            }
        }
        var result = map(chosen, names, context);
        for (var options : mappable) {
            if (options != chosen) {
                context.unmapped("store: win-acme also wrote it to " + describe(options, names, context)
                        + "; exacme installs into one store, here " + describe(chosen, names, context)
                        + ": have a script deployment copy it if something reads the other.");
            }
        }
        return result;
    }

    private static WinAcmePlugin plugin(JsonNode options) {
        try {
            return WinAcmePlugin.of(WinAcmePlugin.Step.STORE, RenewalJson.text(options, "Plugin").orElse(null))
                    .orElseThrow();
        } catch (Refusal e) {
            throw new IllegalStateException(e);
        }
    }

    /** A store as win-acme has it, for a line about it (mapping it would ask for its secrets too). */
    private static String describe(JsonNode options, SourceNames names, RenewalContext context) throws Refusal {
        return switch (plugin(options)) {
            case STORE_CERTIFICATE_STORE -> "the Windows certificate store";
            case STORE_PEM_FILES -> "PEM files in " + RenewalJson.text(options, "Path").or(() -> textSetting(
                    context.settings(), "Store", "PemFiles", "DefaultPath")).orElse("(no path)");
            default -> "the PFX file " + join(RenewalJson.text(options, "Path").or(() -> textSetting(
                    context.settings(), "Store", "PfxFile", "DefaultPath")).orElse("(no path)"),
                    fileName(options, names) + ".pfx");
        };
    }

    private static ChosenStore map(JsonNode options, SourceNames names, RenewalContext context) throws Refusal {
        return switch (plugin(options)) {
            case STORE_CERTIFICATE_STORE -> windows(options, context);
            case STORE_PEM_FILES -> pem(options, names, context);
            default -> pfx(options, names, context);
        };
    }

    private static ChosenStore windows(JsonNode options, RenewalContext context) throws Refusal {
        var settings = context.settings();
        var storeName = RenewalJson.text(options, "StoreName")
                .or(() -> textSetting(settings, "Store", "CertificateStore", "DefaultStore"));
        if (storeName.isEmpty()) {
            context.unmapped("certificate store: win-acme's default is WebHosting where IIS 8 or later is installed"
                    + " (My otherwise); exacme installs into LocalMachine\\My, from which IIS binds as well.");
        } else if (!List.of("my", "personal", "computer").contains(storeName.get().trim().toLowerCase(Locale.ROOT))) {
            context.unmapped("certificate store " + storeName.get() + ": exacme installs into LocalMachine\\My, from"
                    + " which IIS and Exchange bind as well.");
        }
        if (RenewalJson.bool(options, "KeepExisting").orElse(false)) {
            context.unmapped("KeepExisting: win-acme left superseded certificates in the store; exacme removes the"
                    + " ones it superseded once unused, " + context.defaults().keepOld().describe()
                    + " after a deployment"
                    + " (--keep-old).");
        }
        var full = grants(RenewalJson.texts(options, "AclFullControl"), List.of(ADMINISTRATORS, SYSTEM));
        var read = grants(RenewalJson.texts(options, "AclRead"), List.of(ADMINISTRATORS, SYSTEM, NETWORK_SERVICE));
        read.removeAll(full);
        var cng = settings.bool("Store", "CertificateStore", "UseNextGenerationCryptoApi").orElse(false);
        var exportable = settings.bool("Store", "CertificateStore", "PrivateKeyExportable").orElse(false);
        return new ChosenStore(new StoreSpec.WindowsMachine(cng, exportable, read, full), "CertificateStore",
                storeName.orElse("WebHosting or My"), Optional.empty());
    }

    /**
     * win-acme's accounts, {@code administrators} and {@code network service} as the SIDs win-acme
     * writes for them, without those exacme grants anyway (SYSTEM and Administrators full
     * control, NETWORK SERVICE read).
     */
    private static List<String> grants(List<String> accounts, List<String> granted) {
        var result = new ArrayList<String>();
        for (var account : accounts) {
            var trimmed = account.trim();
            var sid = switch (trimmed.toLowerCase(Locale.ROOT)) {
                case "administrators" -> ADMINISTRATORS;
                case "network service" -> NETWORK_SERVICE;
                case "system", "local system" -> SYSTEM;
                default -> trimmed.toLowerCase(Locale.ROOT).startsWith("s-1-") ? trimmed.toUpperCase(Locale.ROOT)
                        : trimmed;
            };
            if (!sid.isEmpty() && !granted.contains(sid) && !result.contains(sid)) {
                result.add(sid);
            }
        }
        return result;
    }

    private static ChosenStore pem(JsonNode options, SourceNames names, RenewalContext context) throws Refusal {
        var directory = directory(options, "Store", "PemFiles", "PEM files", context);
        var name = fileName(options, names);
        if (RenewalJson.text(options, "PemPassword").isPresent()
                || textSetting(context.settings(), "Store", "PemFiles", "DefaultPassword").isPresent()) {
            context.unmapped("PemPassword: win-acme encrypted " + name + "-key.pem with a password; exacme writes"
                    + " key.pem unencrypted, readable by its owner only (and --key-group).");
        }
        var target = join(directory, name);
        context.unmapped("PEM files: win-acme wrote " + name + "-crt.pem, " + name + "-key.pem, " + name
                + "-chain.pem and " + name + "-chain-only.pem to " + directory + "; exacme writes cert.pem, key.pem,"
                + " chain.pem (the issuers) and fullchain.pem to " + target + ": point the programs that read them"
                + " there (-crt is cert.pem, -chain is fullchain.pem, -chain-only is chain.pem).");
        Optional<Path> certificate;
        try {
            certificate = Optional.of(Path.of(join(directory, name + "-crt.pem")));
        } catch (java.nio.file.InvalidPathException e) {
            // Not a path here (a quote in a Windows path): exacme's own check refuses the directory below.
            certificate = Optional.empty();
        }
        return new ChosenStore(new StoreSpec.Pem(target, null), "PemFiles", directory, certificate);
    }

    private static ChosenStore pfx(JsonNode options, SourceNames names, RenewalContext context) throws Refusal {
        var directory = directory(options, "Store", "PfxFile", "PFX file", context);
        var file = join(directory, fileName(options, names) + ".pfx");
        var stored = RenewalJson.text(options, "PfxPassword")
                .or(() -> textSetting(context.settings(), "Store", "PfxFile", "DefaultPassword"))
                .flatMap(ProtectedValue::of);
        var password = stored.isPresent()
                ? context.secret("pfx-password", "password of the PFX file " + file, stored.get())
                : context.newSecret("pfx-password", "a password for the PFX file " + file + " (win-acme wrote it"
                + " without one; give it to the programs that open the file)");
        if (stored.isEmpty()) {
            context.unmapped("PFX password: win-acme wrote " + file + " without a password; exacme always sets one.");
        }
        var mode = textSetting(context.settings(), "Store", "PfxFile", "DefaultProtectionMode").orElse("legacy")
                .trim().toLowerCase(Locale.ROOT);
        if (mode.equals("default")) {
            context.unmapped("Store.PfxFile.DefaultProtectionMode default: win-acme chose 3DES before Windows Server"
                    + " 2019 and AES-256 from it on; exacme writes AES-256 (--pfx-legacy for older readers).");
        }
        return new ChosenStore(new StoreSpec.Pfx(file, password, mode.equals("legacy"), null), "PfxFile",
                directory, Optional.empty());
    }

    private static String directory(JsonNode options, String group, String plugin, String what,
                                    RenewalContext context) throws Refusal {
        var path = RenewalJson.text(options, "Path").or(() -> textSetting(context.settings(), group, plugin,
                "DefaultPath"));
        if (path.isEmpty()) {
            throw new Refusal(what + " store has no Path, and settings.json no Store." + plugin + ".DefaultPath.");
        }
        return WinAcmePaths.unquoted(path.get(), what + " Path", context);
    }

    /** win-acme's file name: {@code FileName}, else the common name, {@code *} as {@code _}. */
    private static String fileName(JsonNode options, SourceNames names) throws Refusal {
        var name = RenewalJson.text(options, "FileName").orElse(names.identifiers().get(0));
        return name.replace("*", "_");
    }

    /** A file in a directory, with the directory's own separator (a Windows path read on Linux stays one). */
    static String join(String directory, String name) {
        var windows = directory.contains("\\") && !directory.contains("/");
        var trimmed = directory.replaceAll("[\\\\/]+$", "");
        return trimmed + (windows ? "\\" : "/") + name;
    }

    private static Optional<String> textSetting(WinAcmeSettings settings, String... path) {
        try {
            return settings.text(path);
        } catch (Refusal e) {
            return Optional.empty();
        }
    }
}
