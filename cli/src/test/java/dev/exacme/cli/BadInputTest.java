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
        "-d|.example.com|leading dot",
        "-d|xn--zz.example.com|not punycode",
        "-d|https://mail.example.com/owa|appears to be a URL",
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
        var run = CommandRun.of("issue", "--out", temp.resolve("out").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--domain"), run.toString());
    }

    @Test
    void storeOptionsThatCannotWorkAreRefusedBeforeTheCaIsAsked() throws IOException {
        // Every one of these names a CA nobody listens on: a refusal must come before any connection.
        var common = List.of("issue", "-d", "example.com", "--server", "https://127.0.0.1:9/dir",
                "--config-dir", temp.toString());
        var windows = run(common, "--store", "windows");
        assertEquals(2, windows.exitCode(), windows.toString());
        assertTrue(windows.err().contains("--store windows needs Windows"), windows.toString());

        var unknown = run(common, "--store", "nas");
        assertTrue(unknown.err().contains("--store nas is not a store"), unknown.toString());

        var noPassword = run(common, "--store", "pfx", "--pfx-file", temp.resolve("a.pfx").toString());
        assertEquals(2, noPassword.exitCode(), noPassword.toString());
        assertTrue(noPassword.err().contains("--pfx-password-file"), noPassword.toString());

        var readable = Files.writeString(temp.resolve("pfx-password"), "hunter2-but-longer");
        var open = run(common, "--pfx-file", temp.resolve("a.pfx").toString(), "--pfx-password-file", readable.toString());
        assertEquals(2, open.exitCode(), open.toString());
        assertTrue(open.err().contains("readable by other users"), open.toString());
        assertFalse(open.err().contains("hunter2"), "never the secret itself");

        var missingFile = run(common, "--pfx-file", temp.resolve("b.pfx").toString(), "--pfx-password-file",
                temp.resolve("no-such-password-file").toString());
        assertEquals(2, missingFile.exitCode(), missingFile.toString());
        assertTrue(missingFile.err().contains("--pfx-password-file " + temp.resolve("no-such-password-file")
                + " cannot be read"), missingFile.toString());

        var aFile = Files.writeString(temp.resolve("not-a-directory"), "x");
        var unwritable = run(common, "--out", aFile.resolve("live").toString());
        assertEquals(2, unwritable.exitCode(), unwritable.toString());
        assertTrue(unwritable.err().contains("cannot be created"), unwritable.toString());
        assertFalse(unwritable.err().contains("Registering"), "refused before the CA is contacted: " + unwritable);

        var group = run(common, "--key-group", "no-such-group-exacme");
        assertEquals(2, group.exitCode(), group.toString());
        assertTrue(group.err().contains("--key-group no-such-group-exacme: no such group"), group.toString());

        var aclOnFiles = run(common, "--acl-read", "CONTOSO\\svc");
        assertEquals(2, aclOnFiles.exitCode(), aclOnFiles.toString());
        assertTrue(aclOnFiles.err().contains("apply to --store windows only"), aclOnFiles.toString());

        var badThumbprint = CommandRun.of("store", "show", "mail.example.com", "--config-dir", temp.toString());
        assertEquals(2, badThumbprint.exitCode(), badThumbprint.toString());
        assertTrue(badThumbprint.err().contains("'mail.example.com' is not a certificate thumbprint"),
                badThumbprint.toString());

        var unknownThumbprint = CommandRun.of("store", "show", "0123456789ABCDEF0123456789ABCDEF01234567",
                "--config-dir", temp.toString());
        assertEquals(2, unknownThumbprint.exitCode(), unknownThumbprint.toString());
        assertTrue(unknownThumbprint.err().contains("no certificate with thumbprint"), unknownThumbprint.toString());
    }

    @Test
    void exchangeCommandsRefuseWhatCannotWorkHereBeforeTouchingAnything() {
        var thumbprint = "5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B";
        var service = CommandRun.of("exchange", "deploy", thumbprint, "--services", "IIS,OWA");
        assertEquals(2, service.exitCode(), service.toString());
        assertTrue(service.err().contains("--services: 'OWA' is not an Exchange service"), service.toString());

        var notHere = CommandRun.of("exchange", "deploy", thumbprint, "--dry-run");
        assertEquals(2, notHere.exitCode(), notHere.toString());
        assertTrue(notHere.err().contains("run it on the Exchange server (not yet run on Windows)"), notHere.toString());

        var both = CommandRun.of("exchange", "deploy", thumbprint, "--all-servers", "--exchange-server", "EX02");
        assertEquals(2, both.exitCode(), both.toString());
        assertTrue(both.err().contains("--all-servers and --exchange-server exclude each other"), both.toString());

        var badThumbprint = CommandRun.of("exchange", "deploy", "mail.contoso.com");
        assertEquals(2, badThumbprint.exitCode(), badThumbprint.toString());

        var cleanup = CommandRun.of("exchange", "cleanup", thumbprint, "--keep-old", "soon");
        assertEquals(2, cleanup.exitCode(), cleanup.toString());

        var setup = CommandRun.of("setup", "exchange", "-d", "mail.contoso.com", "--config-dir", temp.toString());
        assertEquals(2, setup.exitCode(), setup.toString());
        assertTrue(setup.err().contains("exacme setup exchange talks to Exchange"), setup.toString());
        var plan = CommandRun.of("setup", "exchange", "-d", "mail.contoso.com", "-d", "autodiscover.contoso.com",
                "--email", "admin@contoso.com", "--dns", "cloudflare", "--dry-run", "--config-dir", temp.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        assertEquals("exacme add exchange --domain mail.contoso.com --domain autodiscover.contoso.com --email"
                + " admin@contoso.com --agree-tos --key-type rsa2048 --store windows --deploy exchange --dns cloudflare\n"
                + "exacme schedule install\n", plan.out());

        var doctor = CommandRun.of("doctor", "exchange");
        assertEquals(2, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.err().contains("exacme doctor exchange talks to Exchange"), doctor.toString());

        var common = List.of("issue", "-d", "mail.contoso.com", "--server", "https://127.0.0.1:9/dir",
                "--config-dir", temp.toString());
        var pem = run(common, "--deploy", "exchange");
        assertEquals(2, pem.exitCode(), pem.toString());
        assertTrue(pem.err().contains("--deploy exchange needs the certificate in the Windows machine store"), pem.toString());

        var iis = run(common, "--deploy", "iis", "--iis-site", "Default Web Site");
        assertEquals(2, iis.exitCode(), iis.toString());
        assertTrue(iis.err().contains("--deploy iis needs the certificate in the Windows machine store"), iis.toString());

        var target = run(common, "--deploy", "rdgateway");
        assertEquals(2, target.exitCode(), target.toString());
        assertTrue(target.err().contains("--deploy rdgateway is not a deployment target; there are: exchange, iis,"
                + " script"), target.toString());
    }

    private static CommandRun run(List<String> common, String... extra) {
        var args = new java.util.ArrayList<>(common);
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
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

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CON", "nul", "Aux.pem", "COM1", "lpt9"})
    void windowsDeviceNamesNameNeitherAManagedCertificateNorASecret(String name) {
        var config = temp.resolve("config").toString();
        var add = CommandRun.of("add", "--config-dir", config, name, "-d", "mail.example.com", "--server", deadCa,
                "--agree-tos", "--out", temp.resolve("out").toString());
        var secret = CommandRun.of("secret", "set", name.toLowerCase(java.util.Locale.ROOT), "--config-dir", config);

        assertEquals(2, add.exitCode(), add.toString());
        assertTrue(add.err().contains("Windows device name"), add.toString());
        assertEquals(2, secret.exitCode(), secret.toString());
        assertTrue(secret.err().contains("Windows device name"), secret.toString());
        assertFalse(java.nio.file.Files.exists(temp.resolve("config/certificates")), "nothing written");
        assertFalse(java.nio.file.Files.exists(temp.resolve("config/secrets")), "nothing written");
    }
}
