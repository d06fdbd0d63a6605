package dev.exacme.lifecycle.secrets;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.statedirectory.StateDirectoryProtection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The secrets exacme keeps for unattended runs (account keys, PFX passwords, DNS API
 * tokens, SMTP passwords), one file {@code <name>.secret} each in
 * {@code <config-dir>/secrets/}. Definitions refer to them by name ({@code secret:NAME},
 * see {@link SecretReference}) and never hold them.
 *
 * <p>Every write is atomic: a temporary file created with its final permissions in the same
 * directory, flushed to disk, renamed over the target ({@link PrivateFiles}). On POSIX
 * systems the directory is kept at mode 0700 and the files at 0600, and a secret file that
 * group or others can read is refused. On Windows the content is protected with DPAPI in
 * machine scope ({@link dev.exacme.lifecycle.secrets.windows.Dpapi}, which explains the trade-off),
 * which any local user could undo: what keeps them out is the state directory's protected DACL
 * (SYSTEM and Administrators only), created with it and checked before every read
 * ({@link StateDirectoryProtection}); not yet run on Windows.
 *
 * <p>Neither values nor their bytes ever appear in a message or an exception of this class.
 */
public final class SecretStore {

    /** The store's directory under the state directory. */
    public static final String DIRECTORY = "secrets";
    /** The extension of a secret file. */
    public static final String EXTENSION = ".secret";

    private static final String OWNER_ONLY_DIRECTORY = "rwx------";

    private final Path directory;
    private final SecretProtection protection;
    private final Optional<Guard> guard;

    /**
     * The directory whose access list keeps other users away from the secrets, and how it is
     * checked: the state directory on Windows, the secrets directory itself elsewhere.
     *
     * @param directory  the directory
     * @param protection its rules
     * @param create     whether a run creates it protected when it is missing (the state directory on Windows)
     */
    public record Guard(Path directory, StateDirectoryProtection protection, boolean create) {
    }

    /** A store in {@code directory} whose content is protected by {@code protection}, no directory checked. */
    public SecretStore(Path directory, SecretProtection protection) {
        this(directory, protection, Optional.empty());
    }

    /** A store in {@code directory} whose content is protected by {@code protection}, {@code guard} checked. */
    public SecretStore(Path directory, SecretProtection protection, Optional<Guard> guard) {
        this.directory = directory.toAbsolutePath();
        this.protection = protection;
        this.guard = guard;
    }

    /** The store of a state directory, protected as this platform requires. */
    public static SecretStore open(Path configDirectory) {
        var windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        var secrets = configDirectory.resolve(DIRECTORY);
        return new SecretStore(secrets, SecretProtection.forThisPlatform(), Optional.of(new Guard(
                windows ? configDirectory.toAbsolutePath() : secrets.toAbsolutePath(),
                StateDirectoryProtection.forThisPlatform(), windows)));
    }

    /**
     * Creates the state directory protected from its first moment when this platform keeps
     * secrets safe by its access list (Windows) and it is missing; for every run's first write.
     */
    public void createProtected() throws IOException {
        if (guard.isPresent() && guard.get().create()) {
            guard.get().protection().create(guard.get().directory());
        }
    }

    /**
     * Refuses to go on when others can read where the secrets are, saying how to repair it;
     * on Windows a missing state directory is created protected first.
     *
     * @throws InvalidRequest naming the directory, who can read it and how to repair it
     */
    public void requireProtected() throws InvalidRequest, IOException {
        if (guard.isEmpty()) {
            return;
        }
        var checked = guard.get();
        createProtected();
        if (!Files.exists(checked.directory())) {
            return;
        }
        checked.protection().requireProtected(checked.directory());
    }

    /** The directory whose access list keeps others away from the secrets, if one is checked. */
    public Optional<Guard> guard() {
        return guard;
    }

    /** Where the secrets are, for messages. */
    public Path directory() {
        return directory;
    }

    /**
     * The file of a secret, whether it exists or not.
     *
     * @throws InvalidRequest if the name is not valid
     */
    public Path file(String name) throws InvalidRequest {
        return directory.resolve(SecretName.of(name).value() + EXTENSION);
    }

    /**
     * Stores a secret, replacing any under that name.
     *
     * @return whether it replaced one
     * @throws InvalidRequest if the name is not valid or the value is empty
     */
    public boolean set(String name, String value) throws InvalidRequest, IOException {
        var file = file(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidRequest("the value of secret '" + name + "' is empty; exacme stores no empty secrets.");
        }
        prepareDirectory();
        requireProtected();
        var existed = Files.exists(file);
        var plain = value.getBytes(StandardCharsets.UTF_8);
        try {
            var envelope = new SecretEnvelope(protection.id(), protection.protect(plain));
            PrivateFiles.write(file, envelope.encode(), Visibility.OWNER_ONLY);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return existed;
    }

    /**
     * A secret's value, if the store has it.
     *
     * @throws InvalidRequest if the name is not valid, or others may read its file
     * @throws IOException    naming the file if it cannot be read or unprotected
     */
    public Optional<String> get(String name) throws InvalidRequest, IOException {
        var file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        requireProtected();
        refuseIfOthersCanRead(file);
        SecretEnvelope envelope;
        try {
            envelope = SecretEnvelope.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("secret file " + file + " cannot be read: " + e.getMessage()
                    + "; set it again with: exacme secret set " + name, e);
        }
        if (!envelope.protection().equals(protection.id())) {
            throw new IOException("secret file " + file + " was protected with " + envelope.protection()
                    + ", this system uses " + protection.id() + "; set it again with: exacme secret set " + name);
        }
        byte[] plain;
        try {
            plain = protection.unprotect(envelope.payload());
        } catch (IOException e) {
            throw new IOException("secret file " + file + ": " + e.getMessage()
                    + "; set it again with: exacme secret set " + name, e);
        }
        try {
            return Optional.of(decodeUtf8(plain, file));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The names of the stored secrets, sorted; never their values. */
    public List<String> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        var names = new ArrayList<String>();
        try (var files = Files.list(directory)) {
            for (var file : (Iterable<Path>) files::iterator) {
                var fileName = file.getFileName().toString();
                if (fileName.endsWith(EXTENSION) && Files.isRegularFile(file)) {
                    var name = fileName.substring(0, fileName.length() - EXTENSION.length());
                    if (SecretName.isValid(name)) {
                        names.add(name);
                    }
                }
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /**
     * Removes a secret.
     *
     * @return whether there was one
     * @throws InvalidRequest if the name is not valid
     */
    public boolean remove(String name) throws InvalidRequest, IOException {
        return Files.deleteIfExists(file(name));
    }

    private boolean posix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (0700 on POSIX) or narrows an existing one to 0700. */
    private void prepareDirectory() throws IOException, InvalidRequest {
        createProtected();
        PrivateFiles.createDirectories(directory, Visibility.OWNER_ONLY);
        if (posix()) {
            var ownerOnly = PosixFilePermissions.fromString(OWNER_ONLY_DIRECTORY);
            if (!Files.getPosixFilePermissions(directory).equals(ownerOnly)) {
                Files.setPosixFilePermissions(directory, ownerOnly);
            }
        }
    }

    private void refuseIfOthersCanRead(Path file) throws InvalidRequest, IOException {
        if (!posix()) {
            return;
        }
        var permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new InvalidRequest("secret file " + file + " is readable by other users (mode "
                    + PosixFilePermissions.toString(permissions) + "); exacme refuses to use it: chmod 600 " + file
                    + " (and change the secret itself if others may have read it).");
        }
    }

    private static String decodeUtf8(byte[] plain, Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("secret file " + file + " does not hold UTF-8 text");
        }
    }
}
