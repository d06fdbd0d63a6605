package dev.exacme.acme.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A real BIND 9 (Debian {@code bind9}) for one test class, authoritative for
 * {@code example.test} and {@code delegated.test}, accepting RFC 2136 updates of TXT records
 * signed with a TSIG key generated per run.
 *
 * <p>It listens on 127.0.0.1 port 53, because DNS-01 asks a zone's authoritative servers,
 * which NS records name without a port: the zone's NS is 127.0.0.1, so exacme's propagation
 * check and Pebble (started with {@code -dnsserver 127.0.0.1:53}) both find this server the
 * way they would find a real one. Binding port 53 needs root, as CI runs; elsewhere the
 * tests are skipped with that explanation. It also resolves recursively for loopback clients,
 * as the CA's resolver does, so that Pebble follows CNAMEs between its two zones. Every
 * name under {@code example.test} resolves
 * to 127.0.0.1; {@code _acme-challenge.alias.example.test} is a CNAME to
 * {@code alias.challenges.delegated.test}.
 */
public final class BindExtension implements BeforeAllCallback, AfterAllCallback {

    /** The key name the zones accept updates from. */
    public static final String KEY_NAME = "exacme-test-key";
    private static final Path NAMED = Path.of("/usr/sbin/named");
    private static final InetSocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);

    private Path directory;
    private Process process;
    private String secret;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RequiredProgram.require(NAMED, "bind9");
        if (!"root".equals(System.getProperty("user.name"))) {
            var reason = "BIND must listen on 127.0.0.1:53 for DNS-01 tests, which needs root";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(reason + " (CI=true: these tests must run)");
            }
            throw new TestAbortedException(reason);
        }
        directory = Files.createTempDirectory("exacme-bind-");
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        secret = Base64.getEncoder().encodeToString(bytes);
        write("named.conf", """
                key "%s" { algorithm hmac-sha256; secret "%s"; };
                options {
                  directory "%s";
                  listen-on port 53 { 127.0.0.1; };
                  listen-on-v6 { none; };
                  pid-file "%s/named.pid";
                  recursion yes;
                  allow-recursion { 127.0.0.1; };
                  allow-query { any; };
                  dnssec-validation no;
                  notify no;
                };
                controls { };
                zone "example.test" { type primary; file "example.test.zone";
                  update-policy { grant %s zonesub TXT; }; };
                zone "delegated.test" { type primary; file "delegated.test.zone";
                  update-policy { grant %s zonesub TXT; }; };
                """.formatted(KEY_NAME, secret, directory, directory, KEY_NAME, KEY_NAME));
        write("example.test.zone", """
                $TTL 60
                @ IN SOA ns1.example.test. hostmaster.example.test. 1 60 60 600 60
                @ IN NS ns1.example.test.
                ns1 IN A 127.0.0.1
                @ IN A 127.0.0.1
                * IN A 127.0.0.1
                _acme-challenge.alias IN CNAME alias.challenges.delegated.test.
                """);
        write("delegated.test.zone", """
                $TTL 60
                @ IN SOA ns1.example.test. hostmaster.example.test. 1 60 60 600 60
                @ IN NS ns1.example.test.
                """);
        // named drops root for the bind user, which must still write the zones' journals.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        var logs = Path.of("target", "bind", context.getRequiredTestClass().getSimpleName());
        Files.createDirectories(logs);
        process = new ProcessBuilder(NAMED.toString(), "-g", "-c", directory.resolve("named.conf").toString(),
                "-u", "bind").redirectErrorStream(true).redirectOutput(logs.resolve("named.log").toFile()).start();
        awaitAnswering(logs.resolve("named.log"));
    }

    private void write(String name, String content) throws IOException {
        var file = Files.writeString(directory.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    private void awaitAnswering(Path log) throws IOException, InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("named exited at startup (is something else on 127.0.0.1:53?):\n"
                        + Files.readString(log));
            }
            try {
                var query = Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.SOA, DClass.IN));
                var resolver = new SimpleResolver(ADDRESS);
                resolver.setTimeout(Duration.ofMillis(300));
                if (!resolver.send(query).getSection(Section.ANSWER).isEmpty()) {
                    return;
                }
            } catch (IOException notYet) {
                // Not answering yet.
            }
            Thread.sleep(50);
        }
        throw new IOException("named did not answer on 127.0.0.1:53:\n" + Files.readString(log));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The server's address: 127.0.0.1 port 53. */
    public InetSocketAddress address() {
        return ADDRESS;
    }

    /** {@code 127.0.0.1:53}, for Pebble's {@code -dnsserver} and exacme's {@code --dns-resolver}. */
    public String hostPort() {
        return "127.0.0.1:53";
    }

    /** The TSIG secret (base64) the zones accept with {@link #KEY_NAME}. */
    public String secret() {
        return secret;
    }

    /** The TXT values BIND serves for {@code name} right now. */
    public Set<String> txt(String name) throws IOException {
        var query = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."),
                Type.TXT, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        var values = new HashSet<String>();
        for (var record : new SimpleResolver(ADDRESS).send(query).getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    /** The names under which TXT records exist among {@code names}. */
    public List<String> namesWithTxt(List<String> names) throws IOException {
        var result = new java.util.ArrayList<String>();
        for (var name : names) {
            if (!txt(name).isEmpty()) {
                result.add(name);
            }
        }
        return result;
    }
}
