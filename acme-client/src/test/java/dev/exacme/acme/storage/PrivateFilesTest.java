package dev.exacme.acme.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path directory;

    @Test
    void secretsAreOwnerOnlyInOwnerOnlyDirectories() throws IOException {
        var key = directory.resolve("accounts/ca/account-key.pem");
        PrivateFiles.write(key, "secret", Visibility.OWNER_ONLY);
        assertEquals("secret", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
    }

    @Test
    void replacesWholeFilesAndLeavesNoTemporaryFiles() throws IOException {
        var file = directory.resolve("cert.pem");
        PrivateFiles.write(file, "first version, longer", Visibility.PUBLIC_READ);
        PrivateFiles.write(file, "second", Visibility.PUBLIC_READ);
        assertEquals("second", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.count());
        }
    }
}
