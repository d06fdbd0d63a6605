package dev.exacme.lifecycle.importing.winacme;

import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.RequiredSecret;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.spec.SecretSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the mapping of one renewal reads from (its files, settings and the import's defaults)
 * and what it collects on the way: the settings it does not take over and the secrets the
 * administrator must enter.
 */
final class RenewalContext {

    private final Path file;
    private final Path serverDirectory;
    private final Path dataDirectory;
    private final String renewalId;
    private final String managedName;
    private final WinAcmeSettings settings;
    private final ImportDefaults defaults;
    private final Map<String, String> environment;
    private final Optional<IisConfiguration> iis;
    private final SecretNames secretNames;
    private final List<String> unmapped = new ArrayList<>();
    private final List<RequiredSecret> secrets = new ArrayList<>();

    RenewalContext(Path file, Path serverDirectory, Path dataDirectory, String renewalId, String managedName,
                   WinAcmeSettings settings, ImportDefaults defaults, Map<String, String> environment,
                   Optional<IisConfiguration> iis, SecretNames secretNames) {
        this.file = file;
        this.serverDirectory = serverDirectory;
        this.dataDirectory = dataDirectory;
        this.renewalId = renewalId;
        this.managedName = managedName;
        this.settings = settings;
        this.defaults = defaults;
        this.environment = Map.copyOf(environment);
        this.iis = iis;
        this.secretNames = secretNames;
    }

    Path file() {
        return file;
    }

    /** The directory of the ACME server the renewal belongs to. */
    Path serverDirectory() {
        return serverDirectory;
    }

    /** The win-acme data directory ({@code --from}). */
    Path dataDirectory() {
        return dataDirectory;
    }

    String renewalId() {
        return renewalId;
    }

    /** The name the definition gets. */
    String managedName() {
        return managedName;
    }

    WinAcmeSettings settings() {
        return settings;
    }

    ImportDefaults defaults() {
        return defaults;
    }

    /** The environment of the import, for {@code %VARIABLE%} in paths (win-acme expands them at each run). */
    Map<String, String> environment() {
        return environment;
    }

    /** This machine's IIS sites, when IIS is here to ask. */
    Optional<IisConfiguration> iis() {
        return iis;
    }

    /** A duration as exacme's options take it ({@code 7d}, {@code 5m}), for the lines. */
    static String duration(java.time.Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toSeconds() % 86400 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toSeconds() + "s";
    }

    /** Notes a setting exacme does not take over, and why. */
    void unmapped(String line) {
        if (!unmapped.contains(line)) {
            unmapped.add(line);
        }
    }

    List<String> unmappedLines() {
        return List.copyOf(unmapped);
    }

    List<RequiredSecret> requiredSecrets() {
        return List.copyOf(secrets);
    }

    /**
     * Where exacme reads a secret that win-acme keeps: an environment variable stays one,
     * anything else becomes {@code secret:NAME} and a secret to enter, named once per value.
     *
     * @param purpose what it is for, also the end of its name ({@code cloudflare-token})
     * @param what    what it is, in win-acme's words ("Cloudflare API token")
     * @param value   how win-acme stores it
     */
    SecretSource secret(String purpose, String what, ProtectedValue value) {
        if (value instanceof ProtectedValue.Environment environmentValue) {
            return SecretSource.environment(environmentValue.variable());
        }
        String name;
        if (value instanceof ProtectedValue.Vault vault) {
            name = secretNames.name("vault:" + vault.store() + ":" + vault.key(), vault.key().isBlank() ? purpose
                    : vault.key());
        } else {
            name = secretNames.name("renewal:" + managedName + ":" + purpose, managedName + "-" + purpose);
        }
        var required = new RequiredSecret(name, what + ", " + value.where());
        if (secrets.stream().noneMatch(existing -> existing.name().equals(name))) {
            secrets.add(required);
        }
        return new SecretSource(SecretReference.PREFIX + name);
    }

    /** A secret win-acme does not have at all, which exacme needs (a PFX password). */
    SecretSource newSecret(String purpose, String what) {
        var name = secretNames.name("new:" + managedName + ":" + purpose, managedName + "-" + purpose);
        secrets.add(new RequiredSecret(name, what));
        return new SecretSource(SecretReference.PREFIX + name);
    }
}
