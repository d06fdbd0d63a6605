package dev.exacme.cli.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.BindExtension;
import dev.exacme.acme.testing.IssuedChains;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.exchange.dnsserver.FakeDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dns windows} end to end: {@code fake-dnsserver.py} stands in for PowerShell with the
 * DnsServer module (given with {@code --windows-dns-powershell}) and sends every value it adds
 * or removes to a real BIND with nsupdate, so the propagation check asks a real authoritative
 * server and Pebble validates against it. What exacme would do on Windows, except PowerShell
 * itself (not yet run on Windows).
 */
class WindowsDnsPebbleTest {

    @RegisterExtension
    static final BindExtension BIND = new BindExtension();

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().dnsServer("127.0.0.1:53").build();

    @TempDir
    Path temp;

    private FakeDnsServer dc01;

    @BeforeEach
    void domainController() throws Exception {
        dc01 = FakeDnsServer.in(temp, List.of("example.test", "delegated.test"), List.of("DC01"));
        dc01.nsupdate("127.0.0.1", 53, BindExtension.KEY_NAME, BIND.secret());
    }

    private List<String> windows() throws Exception {
        return List.of("--dns", "windows", "--windows-dns-server", "DC01", "--windows-dns-powershell",
                dc01.program().toString(), "--dns-resolver", BIND.hostPort());
    }

    @Test
    void dnsTestPublishesWaitsForTheServersAndRemovesThroughTheCmdlets() throws Exception {
        var args = new ArrayList<>(List.of("dns", "test", "-d", "mail.example.test", "-d", "alias.example.test",
                "--json"));
        args.addAll(windows());
        var run = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run.toString());
        var document = new ObjectMapper().readTree(run.out());
        assertEquals("ok", document.get("status").asText());
        assertEquals("alias.challenges.delegated.test.", document.get("records").get(1).get("name").asText());
        var calls = dc01.calls().stream().map(call -> call.path("cmdlet").asText() + " "
                + call.path("ZoneName").asText() + " " + call.path("Name").asText()).toList();
        assertEquals(List.of("Get-DnsServerZone  ", "Add-DnsServerResourceRecord example.test _acme-challenge.mail",
                "Add-DnsServerResourceRecord delegated.test alias.challenges",
                "Remove-DnsServerResourceRecord example.test _acme-challenge.mail",
                "Remove-DnsServerResourceRecord delegated.test alias.challenges"), calls);
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.mail.example.test",
                "alias.challenges.delegated.test")), "test records removed from the real server");
        assertEquals(List.of(), dc01.txt("example.test", "_acme-challenge.mail"));
    }

    @Test
    void issuesAWildcardCertificate() throws Exception {
        var args = new ArrayList<>(List.of("issue", "-d", "*.example.test", "-d", "example.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--config-dir", temp.resolve("config").toString(), "--out", temp.resolve("out").toString()));
        args.addAll(windows());
        var run = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Publishing TXT _acme-challenge.example.test."), run.err());
        var leaf = PemFormat.readCertificates(Files.readString(temp.resolve("out/cert.pem"))).get(0);
        IssuedChains.assertNames(leaf, "*.example.test", "example.test");
        var added = dc01.calls().stream().filter(call -> call.path("cmdlet").asText().startsWith("Add")).count();
        assertEquals(2, added, "a name and its wildcard: two values at one name");
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.example.test")));
    }

    @Test
    void aValueTheWindowsServerHoldsButTheAuthoritativeServersDoNotServeFailsThePropagationCheck() throws Exception {
        var state = dc01.state();
        state.remove("nsupdate");
        dc01.write(state);
        var args = new ArrayList<>(List.of("dns", "test", "-d", "mail.example.test", "--dns-propagation-timeout", "2s"));
        args.addAll(windows());
        var run = CommandRun.of(args.toArray(String[]::new));

        assertEquals(4, run.exitCode(), "a network failure: " + run);
        assertTrue(run.err().contains("these authoritative servers still do not serve the challenge records:"
                + " _acme-challenge.mail.example.test. at [127.0.0.1:53]"), run.err());
        assertEquals(List.of(), dc01.txt("example.test", "_acme-challenge.mail"), "removed after the failure too");
    }

    @Test
    void aManagedCertificateKeepsTheProviderAndRenewsThroughIt() throws Exception {
        var config = temp.resolve("config").toString();
        var args = new ArrayList<>(List.of("add", "--config-dir", config, "wild", "-d", "*.example.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--out", temp.resolve("wild").toString()));
        args.addAll(windows());
        var added = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, added.exitCode(), added.toString());
        var stored = new ObjectMapper().readTree(temp.resolve("config/certificates/wild.json").toFile())
                .findValue("provider");
        assertEquals("windows", stored.get("name").asText(), stored.toString());
        assertEquals("DC01", stored.get("server").asText());
        var show = CommandRun.of("show", "wild", "--config-dir", config);
        assertTrue(show.out().contains("--dns windows") && show.out().contains("--windows-dns-server DC01")
                && show.out().contains("--windows-dns-timeout 2m"), show.toString());

        var renew = CommandRun.of("renew", "--force", "--config-dir", config, "--json");
        assertEquals(0, renew.exitCode(), renew.toString());
        assertTrue(Files.readString(temp.resolve("wild/cert.pem")).contains("BEGIN CERTIFICATE"));
        assertTrue(dc01.calls().stream().anyMatch(call -> call.path("cmdlet").asText().startsWith("Remove")));
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.example.test")));
    }

    @Test
    void anAccountWithoutRightsOnTheZoneFailsTheTestSayingWhatToDo() throws Exception {
        dc01.set("deny", true);
        var args = new ArrayList<>(List.of("dns", "test", "-d", "mail.example.test"));
        args.addAll(windows());
        var run = CommandRun.of(args.toArray(String[]::new));

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Access is denied. (WIN32 5,Add-DnsServerResourceRecord). The account exacme"
                + " runs as may not change the zone example.test: make it a member of DnsAdmins"), run.err());
    }

    @Test
    void aServerNameThatIsNotOneIsRefusedBeforeAnyPowerShell() throws Exception {
        var run = CommandRun.of("dns", "test", "-d", "mail.example.test", "--dns", "windows", "--windows-dns-server",
                "DC01; Remove-Item", "--windows-dns-powershell", dc01.program().toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--windows-dns-server 'DC01; Remove-Item' is not a computer name or address"),
                run.err());
        assertEquals(List.of(), dc01.calls());
    }

    @Test
    void withoutWindowsOrAPowerShellItSaysWhere() {
        var run = CommandRun.of("dns", "test", "-d", "mail.example.test", "--dns", "windows");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--dns windows runs the DnsServer module of Windows PowerShell: run exacme on"
                + " Windows (not yet run on Windows), or name a PowerShell that has it with --windows-dns-powershell."),
                run.err());
    }
}
