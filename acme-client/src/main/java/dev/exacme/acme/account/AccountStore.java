package dev.exacme.acme.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.storage.KeyProtection;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The accounts exacme registered, one directory per CA under
 * {@code <config>/accounts/<ca-host>[_port]/<path>/}: {@code account-key.pem} (0600) and
 * {@code account.json} (URL, contacts, creation time).
 *
 * <p>The key is written before the account is registered, so that an account the CA
 * created is never orphaned by a crash; a key without {@code account.json} is reused for
 * the next registration, which the CA answers with the existing account.
 */
public final class AccountStore {

    private static final String KEY_FILE = "account-key.pem";
    private static final String ACCOUNT_FILE = "account.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PROTECTED_KEY_FILE = "account-key.protected";
    private static final String PROTECTED_HEADER = "exacme-protected-key ";

    private final Path accountsRoot;
    private final KeyProtection protection;

    /** @param accountsRoot the {@code accounts} directory of the configuration */
    public AccountStore(Path accountsRoot) {
        this(accountsRoot, KeyProtection.NONE);
    }

    /**
     * An account store whose keys are protected with {@code protection}: stored as
     * {@code account-key.protected} (a header naming the protection, then the protected PEM in
     * Base64) instead of {@code account-key.pem}. A plain key written before is still read.
     */
    public AccountStore(Path accountsRoot, KeyProtection protection) {
        this.accountsRoot = accountsRoot;
        this.protection = protection;
    }

    /** The directory holding this CA's account. */
    public Path directoryFor(CaServer server) {
        return accountsRoot.resolve(server.storageName());
    }

    /**
     * The stored account for this CA, if one was registered.
     *
     * @throws IOException naming the file that exists but cannot be read; it is left untouched
     */
    public Optional<StoredAccount> load(CaServer server) throws IOException {
        var directory = directoryFor(server);
        var accountFile = directory.resolve(ACCOUNT_FILE);
        if (!Files.exists(accountFile)) {
            return Optional.empty();
        }
        var keyPair = loadKey(server).orElseThrow(() -> new IOException(
                directory.resolve(keyFileName()) + " is missing although " + accountFile + " exists; "
                        + "restore the key from a backup or move the directory away to register anew"));
        JsonNode node;
        try {
            node = JSON.readTree(accountFile.toFile());
        } catch (IOException e) {
            throw new IOException(accountFile + " is not valid JSON (" + e.getMessage() + "); it was left as it is", e);
        }
        try {
            var location = new URI(node.path("url").asText()).toURL();
            var contacts = new ArrayList<String>();
            node.path("contacts").forEach(contact -> contacts.add(contact.asText()));
            var created = Instant.parse(node.path("createdAt").asText());
            var kid = node.hasNonNull("externalAccountBinding")
                    ? Optional.of(node.get("externalAccountBinding").asText()) : Optional.<String>empty();
            return Optional.of(new StoredAccount(location, keyPair, contacts, created, kid));
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(accountFile + " is damaged (" + e.getMessage() + "); it was left as it is", e);
        }
    }

    /**
     * The account key for this CA, if one was written (with or without a registered account).
     *
     * @throws IOException naming the key file if it exists but is not a key
     */
    public Optional<KeyPair> loadKey(CaServer server) throws IOException {
        var protectedFile = directoryFor(server).resolve(PROTECTED_KEY_FILE);
        var keyFile = Files.exists(protectedFile) ? protectedFile : directoryFor(server).resolve(KEY_FILE);
        if (!Files.exists(keyFile)) {
            return Optional.empty();
        }
        try {
            var text = Files.readString(keyFile);
            if (keyFile.equals(protectedFile)) {
                var newline = text.indexOf('\n');
                var header = newline < 0 ? text : text.substring(0, newline);
                if (!header.equals(PROTECTED_HEADER + protection.id())) {
                    throw new IOException("it is protected as '" + header.replace(PROTECTED_HEADER, "")
                            + "', and this exacme protects keys as '" + protection.id() + "' (keys protected on another"
                            + " machine or platform cannot be opened here)");
                }
                text = new String(protection.unprotect(Base64.getMimeDecoder().decode(text.substring(newline + 1).trim())),
                        StandardCharsets.US_ASCII);
            }
            return Optional.of(PemFormat.readKeyPair(text));
        } catch (IOException e) {
            throw new IOException(keyFile + " is not a readable private key (" + e.getMessage()
                    + "); it was left as it is", e);
        }
    }

    /** Writes the account key, owner-only, before registering with it. */
    public void saveKey(CaServer server, KeyPair keyPair) throws IOException {
        var pem = PemFormat.privateKey(keyPair.getPrivate());
        if (protection == KeyProtection.NONE) {
            PrivateFiles.write(directoryFor(server).resolve(KEY_FILE), pem, Visibility.OWNER_ONLY);
            return;
        }
        var sealed = Base64.getMimeEncoder().encodeToString(protection.protect(pem.getBytes(StandardCharsets.US_ASCII)));
        PrivateFiles.write(directoryFor(server).resolve(PROTECTED_KEY_FILE),
                PROTECTED_HEADER + protection.id() + "\n" + sealed + "\n", Visibility.OWNER_ONLY);
        // The plain copy an earlier version wrote would undo the protection.
        Files.deleteIfExists(directoryFor(server).resolve(KEY_FILE));
    }

    private String keyFileName() {
        return protection == KeyProtection.NONE ? KEY_FILE : PROTECTED_KEY_FILE;
    }

    /** Records a registered account; the key must have been saved first. */
    public void save(CaServer server, StoredAccount account) throws IOException {
        saveKey(server, account.keyPair());
        ObjectNode node = JSON.createObjectNode();
        node.put("url", account.location().toString());
        node.put("directory", server.directory().toString());
        var contacts = node.putArray("contacts");
        account.contacts().forEach(contacts::add);
        node.put("createdAt", account.createdAt().toString());
        account.bindingKeyId().ifPresent(kid -> node.put("externalAccountBinding", kid));
        PrivateFiles.write(directoryFor(server).resolve(ACCOUNT_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node), Visibility.OWNER_ONLY);
    }

    /**
     * Forgets a deactivated account: both files are renamed with a {@code .deactivated}
     * suffix and a timestamp rather than deleted, so that nothing is lost by mistake.
     */
    public void retire(CaServer server, Instant when) throws IOException {
        var directory = directoryFor(server);
        var suffix = ".deactivated-" + when.toString().replace(':', '-');
        for (var name : new String[] {ACCOUNT_FILE, KEY_FILE}) {
            var file = directory.resolve(name);
            if (Files.exists(file)) {
                Files.move(file, directory.resolve(name + suffix));
            }
        }
    }
}
