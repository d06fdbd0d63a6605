package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.DomainName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The names a renewal is for, from its source plugin ({@code TargetPluginOptions}): as win-acme
 * has them, and as exacme orders them (A-labels, the common name first, each once), with the
 * IIS sites the source names, which the IIS installation and file validation fall back on.
 *
 * @param asWritten   the names as the file has them, for the table
 * @param identifiers the names as exacme orders them
 * @param siteIds     the IIS sites of an IIS source, else none
 */
record SourceNames(List<String> asWritten, List<String> identifiers, List<Long> siteIds) {

    /** Copies the lists. */
    SourceNames {
        asWritten = List.copyOf(asWritten);
        identifiers = List.copyOf(identifiers);
        siteIds = List.copyOf(siteIds);
    }

    /** The names as written, without judging them: for the table of a renewal that is refused later. */
    static List<String> asWritten(JsonNode target) {
        var names = new LinkedHashSet<String>();
        try {
            RenewalJson.text(target, "CommonName").ifPresent(names::add);
            names.addAll(RenewalJson.texts(target, "AlternativeNames"));
            names.addAll(RenewalJson.texts(target, "IncludeHosts"));
            RenewalJson.text(target, "Host").ifPresent(names::add);
        } catch (Refusal e) {
            // A damaged list is refused when the names are mapped; the table shows what could be read.
        }
        return List.copyOf(names);
    }

    /**
     * The names of a source.
     *
     * @throws Refusal for sources whose names are not in the file (IIS bindings read at each run, a
     *                 CSR), for names exacme refuses, and for damaged options
     */
    static SourceNames of(JsonNode target, RenewalContext context) throws Refusal {
        var guid = RenewalJson.text(target, "Plugin").orElse(null);
        var plugin = WinAcmePlugin.of(WinAcmePlugin.Step.SOURCE, guid).orElseThrow(() -> new Refusal(
                "the source plugin " + guid + " is not one of win-acme's or simple-acme's (a third-party plugin?);"
                        + " exacme cannot tell which names it stands for."));
        var commonName = RenewalJson.text(target, "CommonName");
        var written = new ArrayList<String>();
        var siteIds = new ArrayList<Long>();
        switch (plugin) {
            case SOURCE_MANUAL -> {
                commonName.ifPresent(written::add);
                written.addAll(RenewalJson.texts(target, "AlternativeNames"));
            }
            case SOURCE_IIS, SOURCE_IIS_BINDING, SOURCE_IIS_SITE, SOURCE_IIS_SITES -> {
                siteIds.addAll(RenewalJson.numbers(target, "IncludeSiteIds"));
                siteIds.addAll(RenewalJson.numbers(target, "SiteIds"));
                RenewalJson.number(target, "SiteId").ifPresent(siteIds::add);
                var hosts = new ArrayList<>(RenewalJson.texts(target, "IncludeHosts"));
                RenewalJson.text(target, "Host").ifPresent(hosts::add);
                if (hosts.isEmpty() || RenewalJson.text(target, "IncludePattern").isPresent()
                        || RenewalJson.text(target, "IncludeRegex").isPresent()) {
                    throw new Refusal("the names come from the IIS bindings of " + sites(siteIds)
                            + (RenewalJson.text(target, "IncludePattern").isPresent()
                            || RenewalJson.text(target, "IncludeRegex").isPresent() ? " that match a pattern" : "")
                            + ", read by win-acme at each renewal; an exacme definition lists its names: add it with"
                            + " 'exacme add -d NAME...' for the names the site serves.");
                }
                var excluded = RenewalJson.texts(target, "ExcludeHosts").stream()
                        .map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
                commonName.ifPresent(written::add);
                hosts.stream().filter(host -> !excluded.contains(host.trim().toLowerCase(Locale.ROOT)))
                        .forEach(written::add);
                if (!excluded.isEmpty()) {
                    context.unmapped("ExcludeHosts " + String.join(", ", excluded) + ": applied once now; exacme keeps"
                            + " the list of names that is left.");
                }
            }
            case SOURCE_CSR -> throw new Refusal("the certificate is ordered from a CSR another program made (CsrFile);"
                    + " exacme makes its own key and CSR, so it cannot renew that program's.");
            default -> throw new Refusal("the source plugin is " + plugin.description() + ", not a source.");
        }
        if (written.isEmpty()) {
            throw new Refusal("the renewal names no host (CommonName and AlternativeNames are empty).");
        }
        var identifiers = new LinkedHashSet<String>();
        for (var name : written) {
            try {
                identifiers.add(DomainName.parse(name).ascii());
            } catch (InvalidRequest e) {
                throw new Refusal("a name is refused: " + e.getMessage());
            }
        }
        return new SourceNames(new ArrayList<>(new LinkedHashSet<>(written)), new ArrayList<>(identifiers), siteIds);
    }

    private static String sites(List<Long> siteIds) {
        if (siteIds.isEmpty()) {
            return "every IIS site";
        }
        return (siteIds.size() == 1 ? "IIS site " : "IIS sites ") + String.join(", ",
                siteIds.stream().map(String::valueOf).toList());
    }
}
