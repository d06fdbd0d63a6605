package dev.exacme.lifecycle.secrets;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * A secret the administrator keeps in a file rather than on the command line, where shell
 * history and process lists would keep it: an EAB HMAC key, a proxy password. The file must
 * be readable by its owner only (checked on POSIX systems; on Windows its ACL is the
 * administrator's business until the secret store arrives, not yet run on Windows).
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * A secret from its file when one is given, else from the environment variable.
     *
     * @param missing the message when neither holds it: what to pass
     * @throws InvalidRequest with {@code missing}, or about the file
     */
    public static String fromFileOrEnvironment(Path file, String option, String variable, String missing)
            throws InvalidRequest {
        if (file != null) {
            return read(file, option);
        }
        var value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new InvalidRequest(missing);
        }
        return value.trim();
    }

    /**
     * Reads the file's content, trimmed.
     *
     * @param option the option that named the file, for messages
     * @throws InvalidRequest if others may read it or it cannot be read; never quoting it
     */
    public static String read(Path file, String option) throws InvalidRequest {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                var permissions = Files.getPosixFilePermissions(file);
                if (permissions.contains(PosixFilePermission.OTHERS_READ)
                        || permissions.contains(PosixFilePermission.GROUP_READ)) {
                    throw new InvalidRequest(option + " " + file + " is readable by other users; it holds a secret: "
                            + "chmod 600 it first.");
                }
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new InvalidRequest(option + " " + file + " cannot be read (" + e.getMessage() + ").");
        }
    }
}
