package dev.exacme.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.cli.output.Console;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;

/** How an installation and a key's access rules are shown: JSON for scripts, lines for people. */
public final class InstallationReport {

    private InstallationReport() {
    }

    /** The installation as a JSON object. */
    public static ObjectNode json(Console console, Installation installation) {
        var node = console.newDocument();
        node.put("location", installation.location());
        node.put("thumbprint", installation.thumbprint().hex());
        node.set("keyAccess", json(console, installation.keyAccess()));
        var warnings = node.putArray("warnings");
        installation.warnings().forEach(warnings::add);
        return node;
    }

    /** A key's access rules as a JSON object. */
    public static ObjectNode json(Console console, KeyAccess access) {
        var node = console.newDocument();
        node.put("provider", access.provider());
        node.put("keyFile", access.keyFile());
        node.put("owner", access.owner());
        node.put("fit", access.fit());
        var rules = node.putArray("rules");
        access.rules().forEach(rule -> rules.addObject().put("account", rule.account()).put("id", rule.id())
                .put("allow", rule.allow()).put("rights", rule.rights().name().toLowerCase().replace('_', '-'))
                .put("detail", rule.detail()));
        var problems = node.putArray("problems");
        access.problems().forEach(problems::add);
        var warnings = node.putArray("warnings");
        access.warnings().forEach(warnings::add);
        return node;
    }

    /** The installation in lines for people. */
    public static String text(Installation installation) {
        var text = new StringBuilder()
                .append("  installed   ").append(installation.location()).append('\n')
                .append(text(installation.keyAccess()));
        installation.warnings().forEach(warning -> text.append("  warning     ").append(warning).append('\n'));
        return text.toString();
    }

    /** A key's access rules in lines for people. */
    public static String text(KeyAccess access) {
        var text = new StringBuilder("  key in      ").append(access.provider());
        if (!access.keyFile().isEmpty()) {
            text.append(", ").append(access.keyFile());
        }
        text.append('\n');
        if (!access.owner().isEmpty()) {
            text.append("  key owner   ").append(access.owner()).append('\n');
        }
        for (var rule : access.rules()) {
            text.append("  access      ").append(rule.allow() ? "" : "DENY ").append(rule.account())
                    .append(": ").append(rule.rights().name().toLowerCase().replace('_', ' '))
                    .append(" (").append(rule.detail()).append(")\n");
        }
        text.append("  verdict     ").append(access.fit() ? "fit for use" : "NOT fit: " + String.join("; ",
                access.problems())).append('\n');
        access.warnings().forEach(warning -> text.append("  warning     ").append(warning).append('\n'));
        return text.toString();
    }
}
