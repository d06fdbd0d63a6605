package dev.exacme.lifecycle.importing.winacme;

import java.util.Locale;
import java.util.Optional;

/**
 * A win-acme {@code ProtectedString} as it is stored, told apart by its prefix and never
 * decoded: the value stays where win-acme keeps it, and only what kind of value it is and where
 * the administrator finds the original is carried over.
 */
sealed interface ProtectedValue {

    /** Where the administrator finds the value, for the required-secret line. */
    String where();

    /** {@code enc-BASE64}: DPAPI (machine scope) for win-acme's account and machine. */
    record Encrypted() implements ProtectedValue {
        @Override
        public String where() {
            return "encrypted for win-acme's machine in the renewal file (DPAPI; simple-acme on Linux: AES)";
        }
    }

    /** {@code clear-TEXT} or plain base64 ({@code Security.EncryptConfig} off): readable in the file. */
    record Unencrypted() implements ProtectedValue {
        @Override
        public String where() {
            return "stored unencrypted in the renewal file (Security.EncryptConfig was off)";
        }
    }

    /**
     * {@code vault://json/KEY}: an entry of win-acme's secret vault ({@code secrets.json}),
     * itself a protected string; or {@code vault://script/...} of simple-acme.
     *
     * @param store the vault's kind ({@code json}, {@code script})
     * @param key   the entry's key
     */
    record Vault(String store, String key) implements ProtectedValue {
        @Override
        public String where() {
            return store.equals("json") ? "win-acme vault entry '" + key + "' (secrets.json)"
                    : "simple-acme " + store + " vault entry '" + key + "'";
        }
    }

    /**
     * simple-acme's {@code vault://environment/VARIABLE}: read from the environment at each run.
     *
     * @param variable the variable
     */
    record Environment(String variable) implements ProtectedValue {
        @Override
        public String where() {
            return "environment variable " + variable;
        }
    }

    /** The kind of a stored value, empty for an absent or empty one. */
    static Optional<ProtectedValue> of(String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        var text = stored.trim();
        if (text.startsWith("enc-")) {
            return Optional.of(new Encrypted());
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("vault://")) {
            var rest = text.substring("vault://".length());
            var slash = rest.indexOf('/');
            var store = slash < 0 ? rest : rest.substring(0, slash);
            var key = slash < 0 ? "" : rest.substring(slash + 1);
            if (store.equalsIgnoreCase("environment") && key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return Optional.of(new Environment(key));
            }
            return Optional.of(new Vault(store.toLowerCase(Locale.ROOT), key));
        }
        return Optional.of(new Unencrypted());
    }
}
