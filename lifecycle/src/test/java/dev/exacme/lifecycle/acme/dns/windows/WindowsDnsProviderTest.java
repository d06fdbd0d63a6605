package dev.exacme.lifecycle.acme.dns.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.exchange.dnsserver.FakeDnsServer;
import dev.exacme.exchange.dnsserver.PowerShellDnsServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code windows} provider over the real {@link PowerShellDnsServer} and runner, with
 * {@code fake-dnsserver.py} standing in for powershell.exe and the DnsServer module: which zone
 * and name each value goes to, that clean-up removes exactly what was added, and what the
 * cmdlets' refusals become.
 */
class WindowsDnsProviderTest {

    @TempDir
    Path temp;

    private FakeDnsServer fake() throws IOException {
        return FakeDnsServer.in(temp, List.of("contoso.com", "corp.contoso.com", "_acme-challenge.www.contoso.com"),
                List.of("DC01"));
    }

    private static WindowsDnsProvider provider(FakeDnsServer fake, boolean zoneGiven) {
        return new WindowsDnsProvider(new PowerShellDnsServer(fake.runner(), Optional.of("DC01")),
                new WindowsDnsSettings(Optional.of("DC01"), zoneGiven, Duration.ofSeconds(60)));
    }

    private static List<String> cmdlets(FakeDnsServer fake) throws IOException {
        return fake.calls().stream().map(call -> call.path("cmdlet").asText()).toList();
    }

    @Test
    void eachValueGoesToTheLongestZoneOfTheServerThatHoldsIt() throws Exception {
        var fake = fake();
        var provider = provider(fake, false);

        // The SOA zone the resolver found may be the public parent; the server's own zones decide.
        provider.present(new ChallengeRecord("_acme-challenge.mail.corp.contoso.com.", "contoso.com.", "v1"));
        provider.present(new ChallengeRecord("_acme-challenge.Mail.contoso.com.", "contoso.com.", "v2"));
        provider.present(new ChallengeRecord("_acme-challenge.www.contoso.com.", "contoso.com.", "v3"));

        assertEquals(List.of("v1"), fake.txt("corp.contoso.com", "_acme-challenge.mail"));
        assertEquals(List.of("v2"), fake.txt("contoso.com", "_acme-challenge.Mail"));
        assertEquals(List.of("v3"), fake.txt("_acme-challenge.www.contoso.com", "@"), "a zone of its own: the apex");
        assertEquals(List.of("Get-DnsServerZone", "Add-DnsServerResourceRecord", "Add-DnsServerResourceRecord",
                "Add-DnsServerResourceRecord"), cmdlets(fake), "the zones are listed once per run");
        assertTrue(fake.calls().stream().allMatch(call -> call.path("ComputerName").asText().equals("DC01")));
    }

    @Test
    void aZoneNamedWithDnsZoneIsUsedWithoutAskingForTheZones() throws Exception {
        var fake = fake();
        provider(fake, true).present(new ChallengeRecord("_acme-challenge.mail.corp.contoso.com.", "contoso.com.",
                "v1"));

        assertEquals(List.of("Add-DnsServerResourceRecord"), cmdlets(fake));
        assertEquals(List.of("v1"), fake.txt("contoso.com", "_acme-challenge.mail.corp"));
    }

    @Test
    void cleanUpRemovesExactlyTheValuesItAdded() throws Exception {
        var fake = fake();
        var provider = provider(fake, false);
        var earlier = new PowerShellDnsServer(fake.runner(), Optional.of("DC01"));
        earlier.addTxt("contoso.com", "_acme-challenge", "someone else's", Duration.ofSeconds(60));
        earlier.addTxt("contoso.com", "_acme-challenge", "left from before", Duration.ofSeconds(60));
        var ours = new ChallengeRecord("_acme-challenge.contoso.com.", "contoso.com.", "ours");
        var already = new ChallengeRecord("_acme-challenge.contoso.com.", "contoso.com.", "left from before");

        provider.present(ours);
        provider.present(already);
        assertEquals(List.of("someone else's", "left from before", "ours"), fake.txt("contoso.com", "_acme-challenge"));
        provider.cleanUp(ours);
        provider.cleanUp(already);
        provider.cleanUp(ours);

        assertEquals(List.of("someone else's", "left from before"), fake.txt("contoso.com", "_acme-challenge"));
        assertEquals(1, cmdlets(fake).stream().filter("Remove-DnsServerResourceRecord"::equals).count(),
                "one removal, of the value this run added: " + fake.calls());
    }

    @Test
    void aNameNoZoneOfTheServerHoldsIsRefusedNamingTheZonesItHas() throws Exception {
        var fake = fake();
        var failure = assertThrows(IOException.class, () -> provider(fake, false).present(
                new ChallengeRecord("_acme-challenge.fabrikam.com.", "fabrikam.com.", "v")));

        assertEquals("windows: the DNS server DC01 holds no zone that contains _acme-challenge.fabrikam.com (its zones:"
                + " contoso.com, corp.contoso.com, _acme-challenge.www.contoso.com). Name the server that holds it with"
                + " --windows-dns-server, or the zone with --dns-zone.", failure.getMessage());
    }

    @Test
    void aSecondaryZoneIsNotWrittenTo() throws Exception {
        var fake = fake();
        var state = fake.state();
        ((com.fasterxml.jackson.databind.node.ObjectNode) state.path("zones").get(1)).put("ZoneType", "Secondary");
        fake.write(state);

        var failure = assertThrows(IOException.class, () -> provider(fake, false).present(
                new ChallengeRecord("_acme-challenge.corp.contoso.com.", "contoso.com.", "v")));
        assertTrue(failure.getMessage().contains("the zone corp.contoso.com on the DNS server DC01 is a Secondary"
                + " zone"), failure.getMessage());
        assertEquals(List.of("Get-DnsServerZone"), cmdlets(fake));
    }

    @Test
    void theCmdletsRefusalsSayWhatToDo() throws Exception {
        var fake = fake();
        var record = new ChallengeRecord("_acme-challenge.fabrikam.com.", "fabrikam.com.", "v");
        var noZone = assertThrows(IOException.class, () -> provider(fake, true).present(record));
        assertTrue(noZone.getMessage().startsWith("windows: the DNS server DC01 did not add TXT"
                + " _acme-challenge.fabrikam.com. in zone fabrikam.com: Failed to get the zone information for"
                + " fabrikam.com on server DC01. (WIN32 9601,Add-DnsServerResourceRecord). The server has no such"
                + " zone: check --dns-zone"), noZone.getMessage());

        var ours = new ChallengeRecord("_acme-challenge.contoso.com.", "contoso.com.", "v");
        var provider = provider(fake, false);
        provider.present(ours);
        fake.set("deny", true);
        var denied = assertThrows(IOException.class, () -> provider.cleanUp(ours));
        assertTrue(denied.getMessage().contains("did not remove TXT _acme-challenge.contoso.com. in zone contoso.com")
                && denied.getMessage().contains("Access is denied. (WIN32 5,Remove-DnsServerResourceRecord). The"
                + " account exacme runs as may not change the zone contoso.com: make it a member of DnsAdmins"),
                denied.getMessage());

        var elsewhere = new WindowsDnsProvider(new PowerShellDnsServer(fake.runner(), Optional.of("DC09")),
                new WindowsDnsSettings(Optional.of("DC09"), false, Duration.ofSeconds(60)));
        var unreachable = assertThrows(IOException.class, () -> elsewhere.present(ours));
        assertTrue(unreachable.getMessage().startsWith("windows: the zones of the DNS server DC09 cannot be listed"
                + " (Get-DnsServerZone): Failed to get information for server DC09. The RPC server is unavailable."),
                unreachable.getMessage());
        assertTrue(unreachable.getMessage().endsWith("Check --windows-dns-server, and that the server's RPC ports are"
                + " open from this computer."), unreachable.getMessage());

        fake.set("module_missing", true);
        var local = new WindowsDnsProvider(new PowerShellDnsServer(fake.runner(), Optional.empty()),
                new WindowsDnsSettings(Optional.empty(), true, Duration.ofSeconds(60)));
        var missing = assertThrows(IOException.class, () -> local.present(ours));
        assertTrue(missing.getMessage().startsWith("windows: this computer's DNS server did not add TXT"), missing.getMessage());
        assertTrue(missing.getMessage().contains("the DnsServer PowerShell module is not installed on this computer;"
                + " install it with 'Install-WindowsFeature RSAT-DNS-Server'"), missing.getMessage());
    }
}
