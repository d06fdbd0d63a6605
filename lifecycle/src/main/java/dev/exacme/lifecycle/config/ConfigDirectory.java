package dev.exacme.lifecycle.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where exacme keeps its state: {@code %ProgramData%\exacme} on Windows,
 * {@code /etc/exacme} for root elsewhere, {@code $XDG_CONFIG_HOME/exacme} (or
 * {@code ~/.config/exacme}) for other users; {@code --config-dir} overrides all.
 */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    /** Resolves the directory for this process. */
    public static Path resolve(Optional<Path> option) {
        return resolve(option, System.getenv(), System.getProperty("os.name"), System.getProperty("user.name"),
                System.getProperty("user.home"));
    }

    /** Resolves from explicit inputs, so that every platform's rule can be tested anywhere. */
    static Path resolve(Optional<Path> option, Map<String, String> environment, String osName, String userName,
                        String home) {
        if (option.isPresent()) {
            return option.get().toAbsolutePath();
        }
        if (osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            var programData = environment.getOrDefault("ProgramData", "C:\\ProgramData");
            return Path.of(programData, "exacme");
        }
        if ("root".equals(userName)) {
            return Path.of("/etc/exacme");
        }
        var xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "exacme");
        }
        return Path.of(home, ".config", "exacme");
    }

    /**
     * The account store of a configuration directory, its keys protected like every other
     * secret: DPAPI machine scope on Windows (not yet run on Windows), mode 0600 elsewhere.
     */
    public static dev.exacme.acme.account.AccountStore accountStore(Path configDirectory) {
        return new dev.exacme.acme.account.AccountStore(accounts(configDirectory),
                dev.exacme.lifecycle.secrets.SecretProtection.forAccountKeys());
    }

    /** The accounts directory inside a configuration directory. */
    public static Path accounts(Path configDirectory) {
        return configDirectory.resolve("accounts");
    }

    /** The PEM store inside a configuration directory: one folder per certificate. */
    public static Path pem(Path configDirectory) {
        return configDirectory.resolve("pem");
    }
}
