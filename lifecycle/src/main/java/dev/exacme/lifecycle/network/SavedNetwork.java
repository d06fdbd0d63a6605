package dev.exacme.lifecycle.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.spec.JsonFile;
import dev.exacme.lifecycle.spec.JsonProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The network settings saved with {@code exacme network set}, so that scheduled renewals
 * running as SYSTEM use the same proxy as the administrator's first run. Kept in
 * {@code network.json} of the state directory; the proxy password is not in it, only the
 * path of the owner-only file that holds it.
 *
 * @param proxy           the proxy URL, or {@code direct}
 * @param noProxy         the no-proxy list, possibly empty
 * @param credentialsFile the file with {@code user:password}, if any
 */
public record SavedNetwork(String proxy, String noProxy, Optional<Path> credentialsFile) {

    private static final String FILE = "network.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The saved settings in this state directory, if any.
     *
     * @throws IOException naming the file if it cannot be read; it is left as it is
     */
    public static Optional<SavedNetwork> load(Path configDirectory) throws IOException {
        var file = configDirectory.resolve(FILE);
        try {
            var text = JsonFile.text(file);
            var node = JsonFile.object(file, text, "the network settings");
            if (!node.hasNonNull("proxy") || !node.get("proxy").isTextual()) {
                throw new JsonFile.Unreadable(file, JsonProblem.at(JsonProblem.objectStart(text, "proxy"),
                        node.hasNonNull("proxy") ? "proxy: must be text in double quotes (a URL, or \"direct\")"
                                : "the field \"proxy\" is missing"), "", null);
            }
            Optional<Path> credentials = Optional.empty();
            if (node.hasNonNull("credentialsFile")) {
                try {
                    credentials = Optional.of(Path.of(node.get("credentialsFile").asText()));
                } catch (InvalidPathException e) {
                    throw new JsonFile.Unreadable(file, JsonProblem.at(JsonProblem.objectStart(text,
                            "credentialsFile"), "credentialsFile: not a file path here (" + e.getReason() + ")"), "",
                            e);
                }
            }
            return Optional.of(new SavedNetwork(node.get("proxy").asText(), node.path("noProxy").asText(""),
                    credentials));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonFile.Unreadable e) {
            throw e.advised("it was left as it is: fix it, or run 'exacme network clear'");
        }
    }

    /** Writes the settings atomically, owner-only. */
    public void save(Path configDirectory) throws IOException {
        var node = JSON.createObjectNode();
        node.put("proxy", proxy);
        node.put("noProxy", noProxy);
        credentialsFile.ifPresent(path -> node.put("credentialsFile", path.toAbsolutePath().toString()));
        PrivateFiles.write(configDirectory.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node),
                Visibility.OWNER_ONLY);
    }

    /** Removes the saved settings; returns whether there were any. */
    public static boolean clear(Path configDirectory) throws IOException {
        return Files.deleteIfExists(configDirectory.resolve(FILE));
    }

    /** Where the settings live, for messages. */
    public static Path file(Path configDirectory) {
        return configDirectory.resolve(FILE);
    }
}
