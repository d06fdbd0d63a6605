package dev.exacme.lifecycle.run;

import dev.exacme.lifecycle.secrets.SecretStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one run of exacme brings to the pipeline besides the certificate's specification: the
 * state directory, the network settings, where progress goes, the environment (for
 * {@code env:} secret sources).
 *
 * @param configDirectory the state directory
 * @param network         the network settings
 * @param progress        where progress goes
 * @param environment     the process environment
 */
public record RunContext(Path configDirectory, NetworkAccess network, Progress progress,
                         Map<String, String> environment) {

    /** Copies the environment. */
    public RunContext {
        configDirectory = configDirectory.toAbsolutePath();
        environment = Map.copyOf(environment);
    }

    /** The secret store of the state directory. */
    public SecretStore secrets() {
        return SecretStore.open(configDirectory);
    }

    /** The same run with other progress (a prefix per certificate). */
    public RunContext withProgress(Progress other) {
        return new RunContext(configDirectory, network, other, environment);
    }
}
