package dev.exacme.cli.store;

import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.store.Stores;
import dev.exacme.store.StoreException;
import dev.exacme.store.files.FileProtection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which group each managed certificate lets read its key, by the place its file store writes:
 * what the {@code store} commands check a key file against. Without it a key that
 * {@code add --key-group daemon} wrote 0640 for a service would be called unfit, and
 * {@code store doctor --fix} would take it from the service.
 */
final class DefinedKeyGroups {

    /** The managed certificate whose store writes there, and the group it names (null: owner-only). */
    private record Definition(String name, String keyGroup) {
    }

    private final Map<String, Definition> byTarget;

    private DefinedKeyGroups(Map<String, Definition> byTarget) {
        this.byTarget = Map.copyOf(byTarget);
    }

    /** The definitions under {@code configDirectory}; unreadable ones are {@code list}'s to report. */
    static DefinedKeyGroups of(Path configDirectory) throws IOException {
        var byTarget = new HashMap<String, Definition>();
        for (var entry : Pipelines.managed(configDirectory).list()) {
            if (entry instanceof ManagedCertificates.Managed managed) {
                var store = managed.spec().store();
                var target = target(store);
                if (!target.isEmpty()) {
                    // A store location belongs to one definition (ManagedCertificates refuses a second).
                    byTarget.putIfAbsent(target, new Definition(managed.name(), Stores.keyGroup(store)));
                }
            }
        }
        return new DefinedKeyGroups(byTarget);
    }

    /**
     * Where {@code spec} keeps its key, as one text; a keystore without its alias, since the
     * file's mode is every entry's. Empty for the Windows machine store.
     */
    static String target(StoreSpec spec) {
        if (spec instanceof StoreSpec.Keystore keystore) {
            return "keystore:" + Path.of(keystore.file()).normalize();
        }
        return spec.location();
    }

    /**
     * Who may read the key at {@code target}: {@code --key-group} when given, otherwise the
     * group the owning definition names (or owner-only if it names none); when no definition
     * owns it, nobody knows, and a group that can read it is only a warning.
     */
    FileProtection protection(String target, String keyGroupOption) throws StoreException {
        if (keyGroupOption != null) {
            return FileProtection.secret(Optional.of(keyGroupOption));
        }
        var definition = byTarget.get(target);
        if (definition == null) {
            return FileProtection.secretOfUnknownReaders();
        }
        try {
            return FileProtection.secret(Optional.ofNullable(definition.keyGroup()));
        } catch (StoreException.Rejected e) {
            throw new StoreException.Rejected("managed certificate " + definition.name() + " lets group "
                    + definition.keyGroup() + " read its key, and that group cannot be found here (" + e.getMessage()
                    + "): create it, change the definition ('exacme edit " + definition.name() + "'), or give"
                    + " --key-group GROUP.", e);
        }
    }
}
