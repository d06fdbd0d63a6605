package dev.exacme.acme.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.keys.PemFormat;
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

    private final Path accountsRoot;

    /** @param accountsRoot the {@code accounts} directory of the configuration */
    public AccountStore(Path accountsRoot) {
        this.accountsRoot = accountsRoot;
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
                directory.resolve(KEY_FILE) + " is missing although " + accountFile + " exists; "
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
        var keyFile = directoryFor(server).resolve(KEY_FILE);
        if (!Files.exists(keyFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PemFormat.readKeyPair(Files.readString(keyFile)));
        } catch (IOException e) {
            throw new IOException(keyFile + " is not a readable private key (" + e.getMessage()
                    + "); it was left as it is", e);
        }
    }

    /** Writes the account key, owner-only, before registering with it. */
    public void saveKey(CaServer server, KeyPair keyPair) throws IOException {
        PrivateFiles.write(directoryFor(server).resolve(KEY_FILE), PemFormat.privateKey(keyPair.getPrivate()),
                Visibility.OWNER_ONLY);
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
