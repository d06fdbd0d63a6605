package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input is refused with exit code 2 and a message naming the input, before anything
 * is sent: the CA URL points at a loopback port nobody listens on, so any attempt to
 * contact it would end in exit code 4 instead.
 */
class BadInputTest {

    private static String deadCa;

    @TempDir
    Path temp;

    @BeforeAll
    static void findAPortNobodyListensOn() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadCa = "https://127.0.0.1:" + socket.getLocalPort() + "/dir";
        }
    }

    private CommandRun issue(String... extra) {
        var args = new ArrayList<>(List.of("issue", "--server", deadCa, "--agree-tos", "--http-port", "8402",
                "--http-bind", "127.0.0.1", "--config-dir", temp.resolve("config").toString(),
                "--out", temp.resolve("out").toString()));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-d|*.example.com|DNS-01",
        "-d|192.0.2.1|IP address",
        "-d|bad_name.example.com|'bad_name.example.com'",
        "-d|intranet|single label",
        "--key-type|dsa1024|'dsa1024'",
        "--http-bind|mail.example.com|'mail.example.com' is not an IPv4 or IPv6 address",
        "--webroot|/var/www|exclude each other",
    })
    void refusedBeforeAnythingIsSent(String option, String value, String expected) {
        var run = issue("-d", "example.com", option, value);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(expected), run.toString());
        assertFalse(Files.exists(temp.resolve("out")), "nothing was written");
        assertFalse(Files.exists(temp.resolve("config/accounts")), "no account state was written");
    }

    @Test
    void anIisSiteThatDoesNotExistListsTheSites() throws IOException {
        var config = Files.writeString(temp.resolve("applicationHost.config"), """
                <configuration><system.applicationHost><sites>
                  <site name="Default Web Site" id="1"><application path="/">
                    <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" /></application>
                    <bindings><binding protocol="http" bindingInformation="*:80:" /></bindings></site>
                </sites></system.applicationHost></configuration>
                """);
        var run = CommandRun.of("issue", "-d", "example.com", "--server", deadCa, "--agree-tos", "--config-dir",
                temp.resolve("config").toString(), "--out", temp.resolve("out").toString(), "--webroot", "iis:Extranet",
                "--iis-config", config.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no site named 'Extranet'"), run.toString());
        assertTrue(run.err().contains("1 'Default Web Site'"), run.toString());
    }

    @Test
    void duplicatesAreRefused() {
        var run = issue("-d", "mail.example.com", "-d", "MAIL.example.com");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'MAIL.example.com' is given twice"), run.toString());
    }

    @Test
    void moreThanAHundredNamesAreRefused() {
        var args = new ArrayList<String>();
        for (int i = 0; i <= 100; i++) {
            args.add("-d");
            args.add("h" + i + ".example.com");
        }
        var run = issue(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("101 names"), run.toString());
    }

    @Test
    void aServerThatIsNoUrlIsRefused() {
        var run = CommandRun.of("issue", "-d", "example.com", "--server", "lets-encrypt", "--out",
                temp.resolve("out").toString(), "--config-dir", temp.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'lets-encrypt'"), run.toString());
    }

    @Test
    void missingOptionsAreUsageErrors() {
        var run = CommandRun.of("issue", "-d", "example.com");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--out"), run.toString());
    }

    @Test
    void aHmacKeyFileOthersCanReadIsRefused() throws IOException {
        var keyFile = Files.writeString(temp.resolve("hmac"), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        var run = issue("-d", "example.com", "--eab-kid", "kid-1", "--eab-hmac-key-file", keyFile.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("chmod 600"), run.toString());
        assertFalse(run.err().contains("c2VjcmV0"), "the secret is never printed");
    }

    @Test
    void jsonErrorsAreDocuments() throws IOException {
        var run = issue("-d", "*.example.com", "--json");
        assertEquals(2, run.exitCode(), run.toString());
        var document = new ObjectMapper().readTree(run.out());
        assertEquals("error", document.get("status").asText());
        assertEquals("usage", document.get("kind").asText());
        assertEquals(2, document.get("exitCode").asInt());
        assertTrue(document.get("message").asText().contains("*.example.com"));
    }

    @Test
    void helpDocumentsTheExitCodes() {
        var run = CommandRun.of("issue", "--help");
        assertEquals(0, run.exitCode());
        for (var code : List.of("0   success", "2   bad usage", "3   the CA refused", "4   network failure")) {
            assertTrue(run.out().contains(code), run.out());
        }
    }
}
