package dev.exacme.cli.dns;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.acme.Challenges;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exacme dns test|providers}: check DNS-01 credentials without ordering anything. */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Lists and tests DNS-01 providers, and registers at acme-dns.",
        subcommands = {DnsCommand.Test.class, DnsCommand.Providers.class, DnsCommand.AcmeDnsRegister.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE, ExitCodes.DNS_NETWORK})
public final class DnsCommand {

    /** Publishes a test TXT record, waits until every authoritative server has it, removes it. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Tests a DNS provider with a random TXT record.",
                "Publishes a random TXT value at _acme-challenge.NAME through the provider, waits until every"
                    + " authoritative server serves it, and removes it: proof that a renewal will work. No CA is"
                    + " contacted."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE, ExitCodes.DNS_NETWORK})
    static final class Test implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private DnsOptions dns;
        @Mixin
        private NetworkOptions network;

        @Option(names = {"-d", "--domain"}, paramLabel = "NAME", required = true, split = ",",
                description = "A name to test (wildcards test their base name). Repeatable.")
        private List<String> domains = new ArrayList<>();

        @Override
        public Integer call() throws AcmeFailure, IOException {
            var console = global.console();
            var names = CertificateRequest.parseNames(domains);
            if (!dns.requested()) {
                throw new InvalidRequest("exacme dns test needs --dns PROVIDER.");
            }
            var provider = dns.provider(network.resolve(global.configDirectory(),
                    TrustedCertificates.systemDefault()).network(), global.configDirectory());
            var records = new ArrayList<ChallengeRecord>();
            var start = Instant.now();
            try (var solver = Challenges.dns(dns.spec(), provider, console)) {
                for (var name : names) {
                    var base = name.isWildcard() ? name.ascii().substring(2) : name.ascii();
                    records.add(solver.publish("_acme-challenge." + base + ".", randomValue()));
                }
                solver.awaitVisible();
            }
            var took = Duration.between(start, Instant.now());
            var document = console.newDocument();
            document.put("provider", provider.id());
            var list = document.putArray("records");
            var text = new StringBuilder("DNS-01 through " + provider.id() + " works:\n");
            for (var record : records) {
                list.addObject().put("name", record.name()).put("zone", record.zone());
                text.append("  ").append(record.name()).append(" in zone ").append(record.zone()).append('\n');
            }
            text.append("published, seen on every authoritative server, and removed in ").append(took.toMillis())
                    .append(" ms.\n");
            document.put("milliseconds", took.toMillis());
            console.result(document, text.toString());
            return 0;
        }

        private static String randomValue() {
            var bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    /** Registers an acme-dns account for a name and says which CNAME to create. */
    @Command(name = "acme-dns-register", mixinStandardHelpOptions = true,
            description = {"Registers NAME at an acme-dns server.",
                "Registers an account at an acme-dns server for NAME, keeps it in the credentials file, and prints"
                    + " the CNAME to create: _acme-challenge.NAME -> the account's full domain."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE,
                "4:network failure or timeout reaching the acme-dns server; try again later"})
    static final class AcmeDnsRegister implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private DnsOptions dns;
        @Mixin
        private NetworkOptions network;

        @Option(names = {"-d", "--domain"}, paramLabel = "NAME", required = true,
                description = "The name the registration is for.")
        private String domain;

        @Override
        public Integer call() throws AcmeFailure, IOException {
            var name = CertificateRequest.parseNames(List.of(domain)).get(0);
            var base = name.isWildcard() ? name.ascii().substring(2) : name.ascii();
            var registration = dns.acmeDns().register(base, network.resolve(global.configDirectory(),
                    TrustedCertificates.systemDefault()).network());
            var cname = "_acme-challenge." + base + ". CNAME " + registration.fullDomain() + ".";
            var document = global.console().newDocument();
            document.put("outcome", "registered");
            document.put("domain", base);
            document.put("fullDomain", registration.fullDomain());
            document.put("cname", cname);
            global.console().result(document, "Registered. Create this record in the zone of " + base + ":\n  "
                    + cname + "\nThen 'exacme dns test --dns acme-dns ...' checks it.\n");
            return 0;
        }
    }

    /** Lists the providers and their options. */
    @Command(name = "providers", mixinStandardHelpOptions = true, description = "Lists the DNS providers.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Providers implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Override
        public Integer call() {
            var console = global.console();
            var document = console.newDocument();
            var list = document.putArray("providers");
            var text = new StringBuilder();
            for (var provider : DnsProviderInfo.ALL) {
                var node = list.addObject().put("id", provider.id()).put("description", provider.description());
                var options = node.putArray("options");
                provider.options().forEach(options::add);
                text.append(provider.id()).append(" - ").append(provider.description()).append('\n');
                provider.options().forEach(option -> text.append("    ").append(option).append('\n'));
            }
            text.append("Common: --dns-zone ZONE, --dns-resolver HOST[:PORT], --dns-propagation-timeout DURATION\n");
            console.result(document, text.toString());
            return 0;
        }
    }
}
