package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Secret references in a managed certificate's options: {@code --cloudflare-token-file
 * secret:cloudflare-token}. Every option that takes a secret takes a file, so for the length of
 * one run each reference becomes an owner-only file holding the secret, deleted when the run
 * ends; the definition itself never holds a secret.
 */
final class SecretArguments implements AutoCloseable {

    private final List<String> arguments;
    private final List<Path> files;

    private SecretArguments(List<String> arguments, List<Path> files) {
        this.arguments = List.copyOf(arguments);
        this.files = List.copyOf(files);
    }

    /** The arguments with each {@code secret:NAME} replaced by a file holding that secret. */
    static SecretArguments materialize(List<String> arguments, Path configDirectory) throws InvalidRequest, IOException {
        var store = SecretStore.open(configDirectory);
        var resolved = new ArrayList<String>();
        var files = new ArrayList<Path>();
        var directory = configDirectory.resolve("run");
        try {
            for (var argument : arguments) {
                if (!SecretReference.isReference(argument)) {
                    resolved.add(argument);
                    continue;
                }
                var value = SecretReference.resolve(argument, store);
                var file = Files.createTempFile(directoryFor(directory), "secret-", ".tmp");
                files.add(file);
                PrivateFiles.write(file, value, Visibility.OWNER_ONLY);
                resolved.add(file.toString());
            }
        } catch (InvalidRequest | IOException | RuntimeException e) {
            new SecretArguments(List.of(), files).close();
            throw e;
        }
        return new SecretArguments(resolved, files);
    }

    private static Path directoryFor(Path directory) throws IOException {
        PrivateFiles.createDirectories(directory, Visibility.OWNER_ONLY);
        return directory;
    }

    /**
     * The arguments with each reference replaced by a stand-in path, for checking that they
     * parse (a {@code secret:} value is not a valid path on Windows) without reading secrets.
     */
    static List<String> forParsing(List<String> arguments) {
        return arguments.stream().map(argument -> SecretReference.isReference(argument)
                ? "secret-reference-" + argument.substring(SecretReference.PREFIX.length()) : argument).toList();
    }

    /** The arguments to run with. */
    List<String> arguments() {
        return arguments;
    }

    /** Deletes the files holding secrets. */
    @Override
    public void close() {
        for (var file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Owner-only and under the configuration directory; the next run's files have other names.
            }
        }
    }
}
