package dev.exacme.cli.account;

import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a new account is registered with. The EAB HMAC key is a secret: it is read from a
 * file readable only by its owner, or from {@code EXACME_EAB_HMAC_KEY}, never from the
 * command line where shell history and process lists would keep it.
 */
public final class AccountOptions {

    /** The environment variable that may hold the EAB HMAC key. */
    public static final String HMAC_KEY_VARIABLE = "EXACME_EAB_HMAC_KEY";

    @Option(names = {"-m", "--email"}, paramLabel = "ADDRESS",
            description = "Contact address for the CA's expiry and policy mail. Repeatable.")
    private List<String> emails = new ArrayList<>();

    @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (needed to register).")
    private boolean agreeTos;

    @Option(names = "--eab-kid", paramLabel = "KEY_ID",
            description = "External Account Binding key id (ZeroSSL, Google, Sectigo).")
    private String eabKeyId;

    @Option(names = "--eab-hmac-key-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "File holding the EAB HMAC key (base64url), readable only by its owner. "
                    + "Or set " + HMAC_KEY_VARIABLE + ".")
    private String eabHmacKeyFile;

    /** The account part of a specification, the HMAC key as its source. */
    public AccountSpec spec() throws InvalidRequest {
        var hmac = eabHmacKeyFile == null && eabKeyId == null ? null
                : dev.exacme.cli.dns.SecretSources.fileOrEnvironment(eabHmacKeyFile, HMAC_KEY_VARIABLE);
        return new AccountSpec(emails, agreeTos, eabKeyId, hmac);
    }

    /** The settings, with the HMAC key read from its source ({@code secret:} names the store of {@code configDirectory}). */
    public AccountSettings settings(Path configDirectory) throws InvalidRequest, IOException {
        return spec().settings(SecretStore.open(configDirectory), System.getenv());
    }
}
