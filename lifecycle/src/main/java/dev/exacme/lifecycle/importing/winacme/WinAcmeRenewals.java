package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.ImportSource;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * win-acme's and simple-acme's renewals ({@code %ProgramData%\win-acme\SERVER\ID.renewal.json}),
 * each mapped to an exacme definition or refused with the reason, and for each what exacme does
 * not take over. The directory is only read: nothing is written, moved or locked there, so
 * win-acme keeps renewing until its task is disabled. See the package documentation for the
 * format read. Not yet run on Windows.
 */
public final class WinAcmeRenewals implements ImportSource {

    /** How deep below the data directory renewal files are looked for (win-acme searches its server directory through). */
    private static final int DEPTH = 4;

    private final Path directory;
    private final Optional<Path> settingsFile;
    private final Optional<Path> iisConfiguration;
    private final Map<String, String> environment;

    /**
     * The renewals of a win-acme data directory, with the settings found there and this machine's
     * IIS configuration (when IIS is installed) for site names.
     *
     * @param directory the data directory, {@code %ProgramData%\win-acme} by default
     */
    public WinAcmeRenewals(Path directory) {
        this(directory, Optional.empty(), IisConfiguration.installedConfiguration(System.getenv()), System.getenv());
    }

    /**
     * The renewals of a win-acme data directory.
     *
     * @param directory        the data directory (or one server's directory in it)
     * @param settingsFile     win-acme's global {@code settings.json} (beside {@code wacs.exe});
     *                         empty to use the one in the data directory, if any
     * @param iisConfiguration the {@code applicationHost.config} to take IIS site names from, if any
     * @param environment      the environment for {@code %VARIABLE%} in script paths
     */
    public WinAcmeRenewals(Path directory, Optional<Path> settingsFile, Optional<Path> iisConfiguration,
                           Map<String, String> environment) {
        this.directory = directory;
        this.settingsFile = settingsFile;
        this.iisConfiguration = iisConfiguration;
        this.environment = Map.copyOf(environment);
    }


    @Override
    public String tool() {
        return "win-acme";
    }

    @Override
    public List<ImportedCertificate> read(ImportDefaults defaults) throws InvalidRequest, IOException {
        if (!Files.isDirectory(directory)) {
            throw new InvalidRequest("--from " + directory + ": no such directory. win-acme keeps its renewals in"
                    + " %ProgramData%\\win-acme (the default for --from), simple-acme in %ProgramData%\\simple-acme.");
        }
        var global = globalSettings();
        var servers = servers(global);
        if (servers.stream().allMatch(server -> server.renewals().isEmpty())) {
            throw new InvalidRequest("--from " + directory + " holds no win-acme renewals: expected"
                    + " SERVER\\ID.renewal.json below it, as in %ProgramData%\\win-acme\\acme-v02.api.letsencrypt.org"
                    + " (the default for --from is %ProgramData%\\win-acme).");
        }
        var data = servers.size() == 1 && servers.get(0).path().equals(directory) && directory.getParent() != null
                ? directory.getParent() : directory;
        var mapping = new RenewalMapping(data, defaults, environment, iis());
        var results = new ArrayList<ImportedCertificate>();
        for (var server : servers) {
            for (var file : server.renewals()) {
                results.add(mapping.map(file, server));
            }
        }
        return results;
    }

    private Optional<IisConfiguration> iis() {
        if (iisConfiguration.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IisConfiguration.read(iisConfiguration.get(), environment));
        } catch (InvalidRequest e) {
            // Site ids stay ids, and each says that its name must be checked.
            return Optional.empty();
        }
    }

    private WinAcmeSettings globalSettings() throws InvalidRequest, IOException {
        if (settingsFile.isPresent()) {
            if (!Files.isRegularFile(settingsFile.get())) {
                throw new InvalidRequest("win-acme settings " + settingsFile.get() + ": no such file (it is beside"
                        + " wacs.exe).");
            }
            return layer(WinAcmeSettings.none(), settingsFile.get());
        }
        var beside = directory.resolve("settings.json");
        return Files.isRegularFile(beside) ? layer(WinAcmeSettings.none(), beside) : WinAcmeSettings.none();
    }

    /** The settings with a file's under them as the next layer, or with the reason it cannot be read. */
    private static WinAcmeSettings layer(WinAcmeSettings settings, Path file) throws IOException {
        try {
            JsonNode tree = RenewalJson.readSettings(file);
            if (!tree.isObject()) {
                return settings.withProblem("settings " + file + " holds " + RenewalJson.kind(tree) + ", not win-acme"
                        + " settings; win-acme's defaults are assumed.");
            }
            var layers = new ArrayList<>(settings.layers());
            layers.add(0, tree);
            return new WinAcmeSettings(layers, settings.problems());
        } catch (Refusal e) {
            return settings.withProblem("settings " + file + ": " + e.getMessage() + " win-acme's defaults are"
                    + " assumed.");
        }
    }

    /** The server directories: the directory itself when it holds renewals, else each sub-directory that does. */
    private List<ServerDirectory> servers(WinAcmeSettings global) throws IOException {
        var servers = new ArrayList<ServerDirectory>();
        if (!renewalsIn(directory, 1).isEmpty()) {
            servers.add(new ServerDirectory(directory, global, renewalsIn(directory, DEPTH)));
            return servers;
        }
        List<Path> children;
        try (Stream<Path> entries = Files.list(directory)) {
            children = entries.filter(Files::isDirectory).sorted().toList();
        }
        for (var child : children) {
            var renewals = renewalsIn(child, DEPTH);
            if (renewals.isEmpty()) {
                continue;
            }
            var own = child.resolve("settings.json");
            var settings = Files.isRegularFile(own) ? layer(global, own) : global;
            servers.add(new ServerDirectory(child, settings, renewals));
        }
        return servers;
    }

    private static List<Path> renewalsIn(Path directory, int depth) throws IOException {
        try (Stream<Path> files = Files.walk(directory, depth)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".renewal.json"))
                    .sorted().toList();
        } catch (java.io.UncheckedIOException e) {
            // A sub-directory that cannot be listed (its ACL) surfaces from the stream unchecked.
            throw e.getCause();
        }
    }
}
