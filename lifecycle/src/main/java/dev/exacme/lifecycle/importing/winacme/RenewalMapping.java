package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import dev.exacme.lifecycle.importing.ManagedNames;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One renewal file as one imported certificate: read, checked as win-acme checks it when it
 * loads renewals ({@code RenewalStoreDisk.Read}), mapped step by step, and the definition
 * checked as {@code exacme add} checks its own. Anything wrong with this file refuses this
 * certificate only.
 */
final class RenewalMapping {

    private static final String SUFFIX = ".renewal.json";

    private final Path dataDirectory;
    private final ImportDefaults defaults;
    private final Map<String, String> environment;
    private final Optional<IisConfiguration> iis;
    private final ManagedNames managedNames = new ManagedNames("win-acme");
    private final SecretNames secretNames = new SecretNames();

    RenewalMapping(Path dataDirectory, ImportDefaults defaults, Map<String, String> environment,
                   Optional<IisConfiguration> iis) {
        this.dataDirectory = dataDirectory;
        this.defaults = defaults;
        this.environment = environment;
        this.iis = iis;
    }

    /** The file's certificate, mapped or refused. */
    ImportedCertificate map(Path file, ServerDirectory server) {
        var origin = file.toString();
        var fileName = file.getFileName().toString();
        JsonNode renewal;
        try {
            renewal = RenewalJson.readRenewal(file);
        } catch (Refusal e) {
            return ImportedCertificate.refused(origin, fileName, List.of(), List.of(), e.getMessage());
        } catch (IOException e) {
            return ImportedCertificate.refused(origin, fileName, List.of(), List.of(), "the file cannot be read ("
                    + e.getMessage() + ").");
        }
        if (!renewal.isObject()) {
            return ImportedCertificate.refused(origin, fileName, List.of(), List.of(), "the file holds "
                    + RenewalJson.kind(renewal) + ", not a win-acme renewal (an object with Id and"
                    + " TargetPluginOptions).");
        }
        String id;
        String description;
        List<String> asWritten;
        try {
            id = RenewalJson.text(renewal, "Id").orElseThrow(() -> new Refusal("the file has no Id: not a win-acme"
                    + " renewal."));
            description = RenewalJson.text(renewal, "LastFriendlyName")
                    .or(() -> optionalText(renewal, "FriendlyName")).orElse(id);
            asWritten = SourceNames.asWritten(RenewalJson.field(renewal, "TargetPluginOptions").orElse(null));
        } catch (Refusal e) {
            return ImportedCertificate.refused(origin, fileName, List.of(), List.of(), e.getMessage());
        }
        var friendlyName = optionalText(renewal, "FriendlyName");
        var managedName = managedNames.reserve(friendlyName.orElse(null), asWritten.isEmpty() ? null
                : asWritten.get(0), id);
        var settings = server.settings().under(RenewalJson.field(renewal, "Settings").orElse(null));
        var context = new RenewalContext(file, server.path(), dataDirectory, id, managedName, settings, defaults,
                environment, iis, secretNames);
        settings.problems().forEach(context::unmapped);
        try {
            var spec = spec(renewal, id, fileName, friendlyName, server, context);
            var current = CurrentCertificates.current(renewal, spec.store(), context);
            schedule(context);
            return new ImportedCertificate(origin, description, asWritten, Optional.of(spec.definition()), current,
                    context.unmappedLines(), context.requiredSecrets(), Optional.empty());
        } catch (Refusal e) {
            managedNames.release(managedName);
            return ImportedCertificate.refused(origin, description, asWritten, context.unmappedLines(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // A value no rule here foresaw must cost this renewal only, never the import of the others.
            managedNames.release(managedName);
            return ImportedCertificate.refused(origin, description, asWritten, context.unmappedLines(),
                    "the renewal could not be mapped (" + e.getClass().getSimpleName() + "); add it with 'exacme"
                            + " add'.");
        }
    }

    /** The definition and the store as win-acme had it (for the current certificate's file). */
    private record Mapped(CertificateSpec definition, StoreMapping.ChosenStore store) {
    }

    private Mapped spec(JsonNode renewal, String id, String fileName, Optional<String> friendlyName,
                        ServerDirectory server, RenewalContext context) throws Refusal {
        // RenewalStoreDisk.Read skips these files, so win-acme does not renew them either.
        if (!fileName.equals(id + SUFFIX)) {
            throw new Refusal("the Id " + id + " does not match the file name " + fileName + "; win-acme skips such"
                    + " a file ('mismatch between filename and id').");
        }
        var target = plugin(renewal, "TargetPluginOptions", "source");
        var validation = plugin(renewal, "ValidationPluginOptions", "validation");
        if (RenewalJson.field(renewal, "StorePluginOptions").isEmpty()) {
            throw new Refusal("the renewal has no StorePluginOptions (win-acme does not load it either).");
        }
        if (RenewalJson.field(renewal, "InstallationPluginOptions").isEmpty()) {
            throw new Refusal("the renewal has no InstallationPluginOptions (win-acme does not load it either).");
        }
        var stores = RenewalJson.objects(renewal, "StorePluginOptions");
        var installations = RenewalJson.objects(renewal, "InstallationPluginOptions");
        order(renewal);
        var names = SourceNames.of(target, context);
        var challenge = ChallengeMapping.challenge(validation, names, context);
        var csr = RenewalJson.field(renewal, "CsrPluginOptions").orElse(null);
        var keyType = KeyMapping.keyType(csr, context);
        var store = StoreMapping.store(stores, InstallationMapping.needsWindowsStore(installations), names, context);
        var key = KeyMapping.key(csr, keyType, store.spec(), context);
        var deployments = InstallationMapping.deployments(installations, store, names, context);
        var ca = CaMapping.ca(renewal, server, context);
        var definition = new CertificateSpec(CertificateSpec.SCHEMA_VERSION, context.managedName(),
                names.identifiers(), ca, challenge, key, store.spec(), deployments, defaults.timeout(),
                friendlyName.orElse(null), defaults.created());
        try {
            return new Mapped(definition.validated(), store);
        } catch (InvalidRequest e) {
            throw new Refusal("exacme refuses the definition: " + e.getMessage());
        }
    }

    private static JsonNode plugin(JsonNode renewal, String field, String step) throws Refusal {
        var options = RenewalJson.field(renewal, field).orElseThrow(() -> new Refusal("the renewal has no " + field
                + " (win-acme does not load it either: 'missing " + step + " plugin options')."));
        if (!options.isObject()) {
            throw new Refusal(field + " is " + RenewalJson.kind(options) + ", not plugin options.");
        }
        if (RenewalJson.text(options, "Plugin").isEmpty()) {
            throw new Refusal(field + " has no Plugin GUID" + (RenewalJson.field(options, "$type").isPresent()
                    ? " ($type is not how win-acme names plugins; it keys them by Plugin)" : "")
                    + ": win-acme does not load it either.");
        }
        return options;
    }

    /** Only the single order: the others split a renewal into several certificates. */
    private static void order(JsonNode renewal) throws Refusal {
        var options = RenewalJson.field(renewal, "OrderPluginOptions");
        if (options.isEmpty()) {
            return;
        }
        var guid = RenewalJson.text(options.get(), "Plugin").orElse(null);
        var plugin = WinAcmePlugin.of(WinAcmePlugin.Step.ORDER, guid).orElseThrow(() -> new Refusal("the order"
                + " plugin " + guid + " is not one of win-acme's."));
        if (plugin != WinAcmePlugin.ORDER_SINGLE) {
            throw new Refusal("win-acme splits this renewal into several certificates (order: " + plugin.description()
                    + "); an exacme definition is one certificate: add one per certificate with 'exacme add'.");
        }
    }

    private static void schedule(RenewalContext context) {
        Optional<Long> days;
        try {
            days = context.settings().number("ScheduledTask", "RenewalDays");
        } catch (Refusal e) {
            // exacme does not take the schedule over either way.
            return;
        }
        if (days.isPresent()) {
            context.unmapped("ScheduledTask.RenewalDays " + days.get() + ": exacme renews in the CA's renewal window"
                    + " (ARI), else when two thirds of the lifetime have passed, not after a number of days.");
        }
    }

    private static Optional<String> optionalText(JsonNode node, String name) {
        try {
            return RenewalJson.text(node, name);
        } catch (Refusal e) {
            return Optional.empty();
        }
    }
}
