package dev.exacme.store.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import dev.exacme.store.keystore.KeystoreFile;
import dev.exacme.store.keystore.KeystoreStore;
import dev.exacme.store.pem.PemStore;
import dev.exacme.store.pfx.PfxStore;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A private key is never open to more accounts than asked, not even for a moment: while
 * installs run in a loop, a second thread watches every file and directory the stores
 * create (the key, the set being written, temporary files, backups) and records each one
 * it sees more open than {@code --key-group} asks.
 *
 * <p>The watcher runs as the same user, who could always read the files, so it judges by
 * what another account could do at that instant: the mode and group of the file it sees.
 * A file another account could open while empty is a leak too, since the open descriptor
 * reads whatever is written later.
 */
class KeyFileModeTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private static final int ROUNDS = 60;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"", "daemon"})
    void noKeyBearingFileOrDirectoryIsEverMoreOpenThanAsked(String groupName) throws Exception {
        var group = groupName.isEmpty() ? Optional.<String>empty() : Optional.of(groupName);
        var protection = FileProtection.secret(group);
        var pem = PemStore.directory(temp.resolve("pem/web"), protection);
        var pfx = new PfxStore(temp.resolve("pfx/mail.pfx"), PASSWORD, Pkcs12Encryption.AES256_SHA256, protection);
        var keystoreFile = temp.resolve("keystore/server.p12");
        var keystore = new KeystoreStore(keystoreFile, new KeystoreFile(keystoreFile, "PKCS12", PASSWORD), "tomcat",
                protection);
        List<CertificateBundle> bundles = List.of(TestBundles.ecdsa("a.example.com"), TestBundles.ecdsa("b.example.com"));

        var watcher = new Watcher(temp.resolve("pem"), List.of(temp.resolve("pfx"), temp.resolve("keystore")), group);
        var thread = new Thread(watcher, "key-file watcher");
        thread.start();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                var bundle = bundles.get(round % 2);
                pem.install(bundle, "web");
                pfx.install(bundle, "mail");
                keystore.install(bundle, "tomcat");
            }
        } finally {
            watcher.stop.set(true);
            thread.join();
        }

        assertEquals(Set.of(), Set.copyOf(watcher.violations), "seen more open than --key-group "
                + group.orElse("(none)") + " asks");
        assertTrue(watcher.keysWithContent.get() > 0, "the watcher saw key files with content");
    }

    /** Lists the watched trees as fast as it can and judges each key-bearing file and each directory it finds. */
    private static final class Watcher implements Runnable {

        private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        private static final Set<PosixFilePermission> GROUP = EnumSet.of(PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);

        final AtomicBoolean stop = new AtomicBoolean();
        final Set<String> violations = ConcurrentHashMap.newKeySet();
        final AtomicLong keysWithContent = new AtomicLong();
        private final Path pemRoot;
        private final List<Path> keyDirectories;
        private final Optional<String> group;

        /**
         * Watches the sets under {@code pemRoot} (which holds no key itself, and is 0755 so
         * that a group given a key later can reach it) and the {@code keyDirectories}.
         */
        Watcher(Path pemRoot, List<Path> keyDirectories, Optional<String> group) {
            this.pemRoot = pemRoot;
            this.keyDirectories = keyDirectories;
            this.group = group;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                for (var set : children(pemRoot)) {
                    if (Files.isDirectory(set)) {
                        watch(set);
                    }
                }
                for (var directory : keyDirectories) {
                    watch(directory);
                }
            }
        }

        private void watch(Path directory) {
            judge(directory);
            for (var child : children(directory)) {
                if (keyBearing(child)) {
                    judge(child);
                }
            }
        }

        /** In the PEM tree only key.pem holds a key; in the others every file but the lock does. */
        private static boolean keyBearing(Path file) {
            var name = file.getFileName().toString();
            if (name.endsWith(".lock")) {
                return false;
            }
            return !name.endsWith(".pem") || name.equals("key.pem");
        }

        private void judge(Path path) {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, PosixFileAttributes.class);
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                violations.add(path + " cannot be read: " + e);
                return;
            }
            // judged by what is there now: a directory renamed away may have been replaced by a file
            var directory = attributes.isDirectory();
            var mode = attributes.permissions();
            var groupBits = EnumSet.copyOf(GROUP);
            groupBits.retainAll(mode);
            var allowedGroup = group.isPresent() && attributes.group().getName().equals(group.get())
                    ? (directory ? EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE)
                            : EnumSet.of(PosixFilePermission.GROUP_READ))
                    : EnumSet.noneOf(PosixFilePermission.class);
            var tooOpen = mode.stream().anyMatch(OTHERS::contains) || !allowedGroup.containsAll(groupBits);
            if (tooOpen) {
                violations.add(path.getFileName() + " " + PosixFilePermissions.toString(mode) + " group "
                        + attributes.group().getName() + (attributes.size() > 0 ? " with content" : " empty"));
            }
            if (!directory && attributes.size() > 0) {
                keysWithContent.incrementAndGet();
            }
        }

        private static List<Path> children(Path directory) {
            try (Stream<Path> children = Files.list(directory)) {
                return children.toList();
            } catch (IOException e) {
                return new ArrayList<>();
            }
        }
    }
}
