package dev.exacme.cli.dns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.dns.acmedns.AcmeDnsProvider;
import dev.exacme.acme.dns.acmedns.AcmeDnsRegistration;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of the {@code acme-dns} provider. Registrations are kept in a JSON file mapping
 * each domain to its account, the format lego and certbot's acme-dns plugins use, so that
 * existing registrations carry over.
 */
public final class AcmeDnsOptions {

    /** Built on first use: every command with DNS options holds one of these, few register. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Option(names = "--acme-dns-server", paramLabel = "URL",
            description = "acme-dns: the API base URL, e.g. https://auth.example.org.")
    private URI server;

    @Option(names = "--acme-dns-credentials-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "acme-dns: JSON file of registrations ({\"example.com\": {\"username\", \"password\", "
                    + "\"subdomain\", \"fulldomain\"}}), readable only by its owner.")
    private String credentialsFile;

    DnsProviderSpec spec() throws InvalidRequest {
        return new DnsProviderSpec.AcmeDns(server == null ? null : server.toString(), credentialsFile == null ? null
                : SecretSources.file(credentialsFile));
    }

    private void requireServer() throws InvalidRequest {
        if (server == null) {
            throw new InvalidRequest("acme-dns needs --acme-dns-server URL.");
        }
    }

    /**
     * Registers an account for {@code domain}, adds it to the credentials file, and returns
     * it; the file is created owner-only if missing.
     */
    AcmeDnsRegistration register(String domain, OutboundNetwork network) throws InvalidRequest, IOException {
        requireServer();
        if (credentialsFile == null) {
            throw new InvalidRequest("acme-dns-register needs --acme-dns-credentials-file to keep the registration.");
        }
        var json = Json.MAPPER;
        ObjectNode all = Files.exists(Path.of(credentialsFile))
                ? (ObjectNode) json.readTree(SecretFile.read(Path.of(credentialsFile), "--acme-dns-credentials-file"))
                : json.createObjectNode();
        var registration = AcmeDnsProvider.register(server, network);
        all.putObject(domain).put("username", registration.username()).put("password", registration.password())
                .put("subdomain", registration.subdomain()).put("fulldomain", registration.fullDomain())
                .putArray("allowfrom");
        PrivateFiles.write(Path.of(credentialsFile), json.writerWithDefaultPrettyPrinter().writeValueAsString(all),
                Visibility.OWNER_ONLY);
        return registration;
    }
}
