package dev.exacme.acme.account;

import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.ProblemReport;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.progress.ProgressListener;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Status;

/**
 * Finds or registers the one account exacme uses with a CA. The account key is EC P-256,
 * generated once and reused: a second run never creates a second account.
 */
public final class Accounts {

    /** The account key type: EC P-256, as certbot and lego use by default. */
    public static final KeyType ACCOUNT_KEY_TYPE = KeyType.EC_P256;

    private static final Set<String> BINDING_PROBLEMS = Set.of("unauthorized", "malformed",
            "externalAccountRequired", "badPublicKey");

    private final AcmeCa ca;
    private final AccountStore store;
    private final ProgressListener progress;

    public Accounts(AcmeCa ca, AccountStore store, ProgressListener progress) {
        this.ca = ca;
        this.store = store;
        this.progress = progress;
    }

    /** The stored account for this CA, without contacting it. */
    public Optional<StoredAccount> stored() throws IOException {
        return store.load(ca.server());
    }

    /**
     * The stored account, or a new one registered with {@code settings}.
     *
     * @throws InvalidRequest if the CA requires terms or a binding the settings lack
     * @throws IOException    if the stored account cannot be read or the new one written
     */
    public AccountLogin login(AccountSettings settings) throws AcmeFailure, IOException {
        var existing = store.load(ca.server());
        if (existing.isPresent()) {
            var account = existing.get();
            var login = ca.session().login(account.location(), account.keyPair());
            progress.on(new ProgressEvent.AccountReady(account.location(), false));
            return new AccountLogin(login, account, false);
        }
        return register(settings.validated());
    }

    private AccountLogin register(AccountSettings settings) throws AcmeFailure, IOException {
        var metadata = ca.metadata();
        var terms = metadata.getTermsOfService();
        if (terms.isPresent() && !settings.agreeToTerms()) {
            throw new InvalidRequest("The CA " + ca.server() + " requires agreeing to its terms of service ("
                    + terms.get() + "): read them and pass --agree-tos.");
        }
        if (metadata.isExternalAccountRequired() && settings.binding().isEmpty()) {
            throw new InvalidRequest("The CA " + ca.server() + " requires External Account Binding: "
                    + "pass --eab-kid and --eab-hmac-key-file with the credentials from your CA account.");
        }
        var keyPair = store.loadKey(ca.server()).orElse(null);
        if (keyPair == null) {
            keyPair = ACCOUNT_KEY_TYPE.generate();
            store.saveKey(ca.server(), keyPair);
        }
        var builder = new AccountBuilder().useKeyPair(keyPair);
        settings.emails().forEach(builder::addEmail);
        if (settings.agreeToTerms()) {
            builder.agreeToTermsOfService();
        }
        settings.binding().ifPresent(eab -> builder.withKeyIdentifier(eab.keyId(), eab.encodedKey()));

        progress.on(new ProgressEvent.RegisteringAccount(ca.server().toString()));
        Account account;
        try {
            account = CaCall.attempt("registering the account", ca.server(), () -> builder.create(ca.session()));
        } catch (CaRefused refused) {
            if (settings.binding().isPresent() && BINDING_PROBLEMS.contains(refused.problem().type())) {
                throw new CaRefused(refused.getMessage() + System.lineSeparator()
                        + "Check the External Account Binding: --eab-kid '" + settings.binding().get().keyId()
                        + "' and the HMAC key must be the pair your CA issued.", refused.problem(), null);
            }
            throw refused;
        }
        var stored = new StoredAccount(account.getLocation(), keyPair,
                settings.emails().stream().map(email -> "mailto:" + email).toList(), Instant.now(),
                settings.binding().map(ExternalAccountBinding::keyId));
        store.save(ca.server(), stored);
        progress.on(new ProgressEvent.AccountReady(account.getLocation(), true));
        return new AccountLogin(ca.session().login(account.getLocation(), keyPair), stored, true);
    }

    /**
     * What the CA says about the stored account right now: status and contacts.
     *
     * @return empty when no account is stored for this CA
     */
    public Optional<AccountStatus> status() throws AcmeFailure, IOException {
        var existing = store.load(ca.server());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        var account = existing.get();
        var remote = ca.session().login(account.location(), account.keyPair()).getAccount();
        CaCall.run("reading the account", account.location(), remote::fetch);
        return Optional.of(new AccountStatus(account, remote.getStatus().name().toLowerCase(Locale.ROOT),
                remote.getContacts().stream().map(Object::toString).toList()));
    }

    /**
     * Deactivates the stored account at the CA (irreversible) and retires its files.
     *
     * @throws InvalidRequest when no account is stored for this CA
     */
    public StoredAccount deactivate() throws AcmeFailure, IOException {
        var account = store.load(ca.server()).orElseThrow(() -> new InvalidRequest(
                "No account is stored for " + ca.server() + " in " + store.directoryFor(ca.server()) + "."));
        var remote = ca.session().login(account.location(), account.keyPair()).getAccount();
        CaCall.run("deactivating the account", account.location(), remote::deactivate);
        if (remote.getStatus() != Status.DEACTIVATED) {
            throw new CaRefused("The CA did not deactivate the account " + account.location() + " (status "
                    + remote.getStatus().name().toLowerCase(Locale.ROOT) + ").",
                    new ProblemReport("notDeactivated", "", Optional.empty(), List.of()),
                    null);
        }
        store.retire(ca.server(), Instant.now());
        return account;
    }
}
