package dev.exacme.lifecycle.importing.certify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.ImportSource;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import dev.exacme.lifecycle.importing.ManagedNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Certify The Web's managed certificates, read from its {@code manageditems.db} (never written:
 * see {@link ReadOnlySqlite}) with the settings files beside it, each mapped to an exacme
 * definition or refused with why; one damaged or unmappable row refuses that row only. The
 * format is described in this package's documentation. Not yet run on Windows.
 */
public final class CertifyDatabase implements ImportSource {

    /** The tool's name. */
    public static final String TOOL = "Certify The Web";

    /** Where Certify keeps it, as people write it. */
    public static final String DEFAULT_LOCATION = "%ProgramData%\\certify\\manageditems.db";

    private final Path file;
    private final Optional<Path> iisConfiguration;

    /**
     * The database at {@code file}; IIS site ids are resolved to names through this machine's
     * {@code applicationHost.config} on Windows.
     */
    public CertifyDatabase(Path file) {
        this(file, IisConfiguration.installedConfiguration(System.getenv()));
    }

    /**
     * The database at {@code file}, with the IIS configuration that resolves the site ids Certify
     * keeps to the site names exacme binds (empty: ids are kept and said).
     */
    public CertifyDatabase(Path file, Optional<Path> iisConfiguration) {
        this.file = file;
        this.iisConfiguration = iisConfiguration;
    }

    /** {@code %ProgramData%\certify\manageditems.db} of this machine. */
    public static Path defaultFile(Map<String, String> environment) {
        var programData = environment.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("ProgramData"))
                .map(Map.Entry::getValue).findFirst().orElse("C:\\ProgramData");
        return Path.of(programData, "certify", "manageditems.db");
    }

    /** The database read. */
    public Path file() {
        return file;
    }

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public List<ImportedCertificate> read(ImportDefaults defaults) throws InvalidRequest, IOException {
        if (!Files.exists(file)) {
            throw new InvalidRequest(file + " does not exist: --from names " + TOOL + "'s database (default "
                    + DEFAULT_LOCATION + ").");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequest(file + " is not a file: --from names " + TOOL + "'s database file (default "
                    + DEFAULT_LOCATION + ").");
        }
        List<ReadOnlySqlite.Row> rows;
        try {
            rows = ReadOnlySqlite.rows(file, "manageditem", TOOL);
        } catch (ReadOnlySqlite.Unreadable e) {
            throw new InvalidRequest(e.getMessage() + " --from names " + TOOL + "'s manageditems.db (default "
                    + DEFAULT_LOCATION + ").");
        }
        var installation = CertifyInstallation.beside(file);
        var iis = iis();
        var mapping = new ItemMapping(file, defaults, installation, iis.configuration(), iis.problem());

        var parsed = new ArrayList<Parsed>();
        for (var row : rows) {
            try {
                // A table made without Certify's NOT NULL may hold a null document: read as JSON null.
                var json = row.json() == null ? "null" : CertifyInstallation.stripBom(row.json());
                var item = CertifyJson.MAPPER.readValue(json, ManagedItem.class);
                parsed.add(new Parsed(row.id(), item == null ? null : withRowId(item, row.id()), null));
            } catch (JsonProcessingException e) {
                parsed.add(new Parsed(row.id(), null, "its JSON document cannot be read: " + CertifyJson.describe(e)));
            }
        }
        // Certify lists by name; the order also decides which of two equal names gets the suffix.
        parsed.sort(Comparator.comparing(Parsed::sortKey).thenComparing(p -> String.valueOf(p.id())));

        var names = new ManagedNames("certify");
        var imported = new ArrayList<ImportedCertificate>();
        for (var entry : parsed) {
            var id = String.valueOf(entry.id());
            if (entry.item() == null) {
                imported.add(ImportedCertificate.refused(mapping.origin(id), Notes.printable(id), List.of(), List.of(),
                        entry.damage() != null ? entry.damage() : "its JSON document is empty (null)."));
                continue;
            }
            var item = entry.item();
            var first = item.requestConfig() == null ? null
                    : item.requestConfig().names().stream().findFirst().orElse(null);
            var name = names.reserve(item.name(), first, "certify-" + id);
            try {
                imported.add(mapping.map(item, name));
            } catch (RuntimeException e) {
                // A fault of exacme's mapping must not cost the administrator the other certificates.
                imported.add(ImportedCertificate.refused(mapping.origin(id), ManagedItem.present(item.name()).orElse(id),
                        List.of(), List.of(), "exacme could not map it (" + e.getClass().getSimpleName()
                                + " in exacme's Certify import: please report it)."));
            }
        }
        return imported;
    }

    /** The row's id is the item's id: Certify corrects a document whose Id differs when it loads it. */
    private static ManagedItem withRowId(ManagedItem item, String id) {
        return new ManagedItem(id, item.name(), item.itemType(), item.includeInAutoRenew(),
                item.certificateAuthorityId(), item.useStagingMode(), item.requestConfig(), item.preRequestTasks(),
                item.postRequestTasks(), item.serverSiteId(), item.groupId(), item.dateStart(), item.dateExpiry(),
                item.certificatePath(), item.certificateThumbprintHash(), item.certificateRevoked(),
                item.certificatePasswordCredentialId(), item.customRenewalTarget(), item.customRenewalIntervalMode());
    }

    private record Parsed(String id, ManagedItem item, String damage) {
        String sortKey() {
            return item == null ? "\uffff" : ManagedItem.present(item.name()).orElse("").toLowerCase(Locale.ROOT);
        }
    }

    private record Iis(Optional<IisConfiguration> configuration, String problem) {
    }

    private Iis iis() {
        if (iisConfiguration.isEmpty()) {
            return new Iis(Optional.empty(), "not on Windows");
        }
        try {
            return new Iis(Optional.of(IisConfiguration.read(iisConfiguration.get(), System.getenv())), "");
        } catch (InvalidRequest e) {
            return new Iis(Optional.empty(), iisConfiguration.get() + " cannot be read");
        }
    }

}
