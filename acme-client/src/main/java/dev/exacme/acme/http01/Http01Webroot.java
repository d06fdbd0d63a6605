package dev.exacme.acme.http01;

import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Answers HTTP-01 through an existing web server: writes each token's answer to
 * {@code <webroot>/.well-known/acme-challenge/<token>} (world-readable, so the web server's
 * account can serve it) and removes it afterwards, together with the directories it had to
 * create. Files and directories that were there before are left alone.
 */
public final class Http01Webroot implements Http01Responder {

    private final Path webroot;
    private final Path challengeDirectory;
    private final Set<Path> written = new LinkedHashSet<>();
    private final Deque<Path> createdDirectories = new ArrayDeque<>();

    /**
     * @throws IOException naming the webroot if it is not an existing directory
     */
    public Http01Webroot(Path webroot) throws IOException {
        if (!Files.isDirectory(webroot)) {
            throw new IOException("--webroot " + webroot + " is not an existing directory; give the document "
                    + "root of the site that answers http://NAME/ for every name.");
        }
        this.webroot = webroot;
        this.challengeDirectory = webroot.resolve(".well-known").resolve("acme-challenge");
    }

    @Override
    public void publish(ChallengeToken token) throws IOException {
        createMissing(webroot.resolve(".well-known"));
        createMissing(challengeDirectory);
        var file = challengeDirectory.resolve(token.token());
        PrivateFiles.write(file, token.keyAuthorization(), Visibility.PUBLIC_READ);
        written.add(file);
    }

    private void createMissing(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            PrivateFiles.createDirectories(directory, Visibility.PUBLIC_READ);
            createdDirectories.push(directory);
        }
    }

    @Override
    public void withdraw(ChallengeToken token) throws IOException {
        var file = challengeDirectory.resolve(token.token());
        if (written.remove(file)) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public String describe() {
        return "token files under " + challengeDirectory;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (var file : written) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        written.clear();
        while (!createdDirectories.isEmpty()) {
            var directory = createdDirectories.pop();
            try {
                Files.deleteIfExists(directory);
            } catch (DirectoryNotEmptyException e) {
                // Someone else put files there meanwhile: theirs to keep.
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IOException("Could not remove every challenge file under " + challengeDirectory
                    + ": " + first.getMessage(), first);
        }
    }
}
