package dev.exacme.cli.store;

import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.store.KeyGrant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Who else may use a key in the Windows store: the options of {@code store grant}, {@code store doctor} and a certificate. */
public final class KeyGrants {

    @Option(names = "--acl-read", paramLabel = "ACCOUNT", split = ",",
            description = "--store windows: also let this account (DOMAIN\\name, group or SID) use the key.")
    private List<String> aclRead = new ArrayList<>();

    @Option(names = "--acl-full", paramLabel = "ACCOUNT", split = ",",
            description = "--store windows: also give this account full control of the key.")
    private List<String> aclFull = new ArrayList<>();

    /** The extra key access asked for with {@code --acl-read} and {@code --acl-full}. */
    public List<KeyGrant> grants() {
        return new StoreSpec.WindowsMachine(false, false, aclRead, aclFull).grants();
    }

    List<String> aclRead() {
        return aclRead;
    }

    List<String> aclFull() {
        return aclFull;
    }

    boolean any() {
        return !aclRead.isEmpty() || !aclFull.isEmpty();
    }
}
