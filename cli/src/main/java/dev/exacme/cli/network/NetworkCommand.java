package dev.exacme.cli.network;

import dev.exacme.lifecycle.network.*;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.cli.CaOptions;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code exacme network show|set|clear}: the proxy exacme uses and where that setting comes from. */
@Command(name = "network", mixinStandardHelpOptions = true,
        description = {"Shows, saves or clears how exacme reaches the internet.",
            "The proxy, its exceptions and the timeouts."},
        subcommands = {NetworkCommand.Show.class, NetworkCommand.Set.class, NetworkCommand.Clear.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
public final class NetworkCommand {

    static final String DNS_NOTE = "DNS-01 propagation checks and RFC 2136 updates talk to DNS servers directly, "
            + "never through the proxy.";

    /** Prints the configuration in force and which source won. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows which proxy is used and where the setting comes from.",
                "Also the route to the CA: through the proxy or direct."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Show implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private CaOptions ca;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var resolved = ca.network(global.configDirectory());
            var network = resolved.network();
            var directory = ca.server().directory();
            var viaProxy = network.proxies(directory);
            var console = global.console();

            var document = console.newDocument();
            document.put("source", resolved.source().name().toLowerCase(Locale.ROOT));
            document.put("origin", resolved.origin());
            network.proxy().ifPresentOrElse(proxy -> {
                var node = document.putObject("proxy");
                node.put("host", proxy.host());
                node.put("port", proxy.port());
                proxy.credentials().ifPresent(credentials -> node.put("user", credentials.user()));
            }, () -> document.putNull("proxy"));
            var list = document.putArray("noProxy");
            network.noProxy().entries().forEach(list::add);
            document.put("connectTimeoutSeconds", network.connectTimeout().toSeconds());
            document.put("requestTimeoutSeconds", network.requestTimeout().toSeconds());
            document.putObject("ca").put("url", directory.toString()).put("viaProxy", viaProxy);
            document.put("dns", "direct");

            var text = new StringBuilder()
                    .append("Proxy        ").append(network.proxy().map(p -> p.display()).orElse("none (direct)"))
                    .append('\n')
                    .append("  from       ").append(resolved.source().description())
                    .append(resolved.source() == ProxySource.NONE ? "" : ": " + resolved.origin()).append('\n')
                    .append("No proxy for ").append(network.noProxy().entries().isEmpty() ? "(nothing)"
                            : String.join(", ", network.noProxy().entries())).append('\n')
                    .append("Timeouts     connect ").append(network.connectTimeout().toSeconds()).append(" s, request ")
                    .append(network.requestTimeout().toSeconds()).append(" s\n")
                    .append("CA           ").append(directory).append(viaProxy ? " (through the proxy)" : " (direct)")
                    .append('\n')
                    .append("DNS          ").append(DNS_NOTE).append('\n');
            console.result(document, text.toString());
            return 0;
        }
    }

    /** Saves proxy settings for later runs, scheduled renewals included. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Saves the proxy settings for scheduled runs.",
                "Saves --proxy (required; 'direct' for none), --no-proxy and --proxy-credentials-file in the state"
                    + " directory, so that scheduled runs use them. Options given to a later command still win."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Set implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private NetworkOptions network;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var proxy = network.proxy().orElseThrow(() -> new InvalidRequest(
                    "exacme network set needs --proxy http://host:port (or --proxy direct)."));
            if (network.credentialsFile().isPresent()) {
                SecretFile.read(network.credentialsFile().get(), "--proxy-credentials-file");
            }
            var configDirectory = global.configDirectory();
            // Resolving checks every value exactly as a later run will read it.
            network.resolve(configDirectory, TrustedCertificates.systemDefault());
            var saved = new SavedNetwork(proxy, network.noProxy().orElse(""), network.credentialsFile());
            saved.save(configDirectory);
            var document = global.console().newDocument();
            document.put("outcome", "saved");
            document.put("file", SavedNetwork.file(configDirectory).toString());
            global.console().result(document, "Saved to " + SavedNetwork.file(configDirectory) + "\n");
            return 0;
        }
    }

    /** Forgets the saved settings. */
    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Removes the saved network settings.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Clear implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Override
        public Integer call() throws IOException {
            var configDirectory = global.configDirectory();
            var removed = SavedNetwork.clear(configDirectory);
            var document = global.console().newDocument();
            document.put("outcome", removed ? "cleared" : "none");
            global.console().result(document, removed ? "Removed " + SavedNetwork.file(configDirectory) + "\n"
                    : "No saved network settings in " + configDirectory + "\n");
            return 0;
        }
    }

    private NetworkCommand() {
    }
}
