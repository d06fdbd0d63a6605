package dev.exacme.lifecycle.importing.winacme;

import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * win-acme's script placeholders ({@code Script.ReplaceParameters}) as exacme's
 * ({@link DeploymentSpec.Script}). Those exacme has a value for are translated and the renewal
 * id is written in (it never changes); the cache PFX file is the PFX store's file. A script that
 * needs what exacme never passes (the cache PFX's password, a vault secret, a cache PFX beside
 * another store) refuses its certificate: imported, it would fail at every renewal while the
 * service kept the old certificate. The previous friendly name, which exacme does not know,
 * becomes empty text.
 */
final class Placeholders {

    /** win-acme matches {@code {.+?}}, numbered forms included. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{.+?}");

    private static final Map<String, String> TRANSLATED = Map.ofEntries(
            Map.entry("{CertCommonName}", "{common-name}"), Map.entry("{0}", "{common-name}"),
            Map.entry("{CertFriendlyName}", "{friendly-name}"), Map.entry("{4}", "{friendly-name}"),
            Map.entry("{CertThumbprint}", "{thumbprint}"), Map.entry("{5}", "{thumbprint}"),
            Map.entry("{OldCertThumbprint}", "{previous-thumbprint}"),
            Map.entry("{OldCertCommonName}", "{common-name}"),
            Map.entry("{StorePath}", "{store-path}"), Map.entry("{3}", "{store-path}"),
            Map.entry("{StoreType}", "{store}"));

    private static final List<String> CACHE = List.of("{CachePassword}", "{1}", "{CacheFile}", "{2}",
            "{CacheFolder}", "{6}");

    /** exacme's own placeholders, which win-acme passed on as written. */
    private static final List<String> EXACME = List.of("{name}", "{thumbprint}", "{previous-thumbprint}", "{names}",
            "{common-name}", "{friendly-name}", "{store}", "{store-path}", "{certificate-file}", "{chain-file}",
            "{fullchain-file}", "{key-file}");

    private Placeholders() {
    }

    /** One argument with win-acme's placeholders as exacme's. */
    static String translate(String argument, StoreMapping.ChosenStore winAcmeStore, RenewalContext context)
            throws Refusal {
        var store = winAcmeStore.spec();
        Matcher matcher = PLACEHOLDER.matcher(argument);
        var result = new StringBuilder();
        while (matcher.find()) {
            var found = matcher.group();
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement(found, store, winAcmeStore,
                    context)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String replacement(String found, StoreSpec store, StoreMapping.ChosenStore winAcmeStore,
                                      RenewalContext context) throws Refusal {
        if (found.equals("{RenewalId}") || found.equals("{7}")) {
            return context.renewalId();
        }
        var translated = TRANSLATED.get(found);
        if (translated != null) {
            note(found, translated, store, winAcmeStore, context);
            return translated;
        }
        if ((found.equals("{CacheFile}") || found.equals("{2}")) && store instanceof StoreSpec.Pfx) {
            context.unmapped("script placeholder " + found + ": exacme's {store-path}, the PFX file it installs"
                    + " into.");
            return "{store-path}";
        }
        if (CACHE.contains(found)) {
            throw new Refusal("its installation script takes " + found + ": exacme keeps no cache PFX and passes no"
                    + " password to scripts. Have the script take the certificate from the store by {thumbprint}"
                    + (store instanceof StoreSpec.Pem ? " or the files {certificate-file} and {key-file}" : "")
                    + ", or use --store pfx and {store-path}, then 'exacme add' it.");
        }
        if (found.equals("{OldCertFriendlyName}")) {
            context.unmapped("script placeholder {OldCertFriendlyName}: exacme has no value for it; passed as empty"
                    + " text.");
            return "";
        }
        if (found.toLowerCase(java.util.Locale.ROOT).startsWith("{vault://")) {
            throw new Refusal("its installation script takes the secret " + found + ": exacme passes no secrets to"
                    + " scripts. Have the script read the secret itself, then 'exacme add' it.");
        }
        if (EXACME.contains(found)) {
            context.unmapped("script argument text " + found + ": win-acme passed it as written, exacme replaces it"
                    + " with its value.");
        }
        return found;
    }

    private static void note(String found, String translated, StoreSpec store, StoreMapping.ChosenStore winAcmeStore,
                             RenewalContext context) {
        if (translated.equals("{store}")) {
            context.unmapped("script placeholder {StoreType}: win-acme gave " + winAcmeStore.winAcmeType()
                    + ", exacme's {store} gives " + storeName(store) + ".");
        } else if (translated.equals("{store-path}")) {
            context.unmapped("script placeholder " + found + ": win-acme gave " + winAcmeStore.winAcmePath()
                    + ", exacme's {store-path} gives " + storePath(store) + ".");
        } else if (found.equals("{OldCertCommonName}")) {
            context.unmapped("script placeholder {OldCertCommonName}: exacme has the new certificate's"
                    + " {common-name}, the same unless the names were changed.");
        }
    }

    private static String storeName(StoreSpec store) {
        if (store instanceof StoreSpec.WindowsMachine) {
            return "windows";
        }
        if (store instanceof StoreSpec.Pem) {
            return "pem";
        }
        return store instanceof StoreSpec.Pfx ? "pfx" : "keystore";
    }

    private static String storePath(StoreSpec store) {
        if (store instanceof StoreSpec.Pem pem) {
            return pem.directory();
        }
        if (store instanceof StoreSpec.Pfx pfx) {
            return pfx.file();
        }
        return store instanceof StoreSpec.Keystore keystore ? keystore.file() : "Cert:\\LocalMachine\\My";
    }
}
