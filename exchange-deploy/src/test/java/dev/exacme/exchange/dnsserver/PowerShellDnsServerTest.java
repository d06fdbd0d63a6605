package dev.exacme.exchange.dnsserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.powershell.PowerShellFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DnsServer cmdlets as {@link PowerShellDnsServer} calls them, through the real runner with
 * {@code fake-dnsserver.py} standing in for powershell.exe: it accepts only the exact lines the
 * class writes and logs each call's decoded arguments, so these tests check what PowerShell
 * would be given, and how the cmdlets' errors come back.
 */
class PowerShellDnsServerTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private FakeDnsServer fake() throws Exception {
        return FakeDnsServer.in(temp, List.of("contoso.com", "corp.contoso.com"), List.of("DC01"));
    }

    @Test
    void zonesAreListedWithTheirKind() throws Exception {
        var fake = fake();
        var zones = new PowerShellDnsServer(fake.runner(), Optional.of("DC01")).zones();

        assertEquals(List.of("contoso.com", "corp.contoso.com", "0.in-addr.arpa", "TrustAnchors"),
                zones.stream().map(DnsServerZone::name).toList());
        assertTrue(zones.get(0).writable() && zones.get(0).dsIntegrated());
        assertTrue(zones.get(2).autoCreated() && zones.get(2).reverse());
        assertEquals("DC01", fake.calls().get(0).path("ComputerName").asText());
        assertTrue(fake.calls().get(0).path("ComputerName").isTextual());
    }

    @Test
    void withoutAServerTheLocalOneIsAskedAndNoComputerNameIsPassed() throws Exception {
        var fake = fake();
        new PowerShellDnsServer(fake.runner(), Optional.empty()).addTxt("contoso.com", "_acme-challenge", "v1",
                MINUTE);

        assertTrue(fake.calls().get(0).path("ComputerName").isNull(), fake.calls().toString());
        assertEquals(List.of("v1"), fake.txt("contoso.com", "_acme-challenge"));
    }

    @Test
    void aValueIsAddedAndRemovedAloneWithTheExactArguments() throws Exception {
        var fake = fake();
        var dns = new PowerShellDnsServer(fake.runner(), Optional.of("DC01"));

        assertTrue(dns.addTxt("contoso.com", "_acme-challenge.mail", "first", MINUTE));
        assertTrue(dns.addTxt("contoso.com", "_acme-challenge.mail", "second", Duration.ofMinutes(2)));
        assertEquals(List.of("first", "second"), fake.txt("contoso.com", "_acme-challenge.mail"));
        var add = fake.calls().get(0);
        assertEquals("Add-DnsServerResourceRecord", add.path("cmdlet").asText());
        assertEquals("contoso.com", add.path("ZoneName").asText());
        assertEquals("_acme-challenge.mail", add.path("Name").asText());
        assertEquals("first", add.path("DescriptiveText").asText());
        assertEquals(60, add.path("TimeToLive").asInt());
        assertEquals(120, fake.calls().get(1).path("TimeToLive").asInt());

        assertTrue(dns.removeTxt("contoso.com", "_acme-challenge.mail", "first"));
        assertEquals(List.of("second"), fake.txt("contoso.com", "_acme-challenge.mail"), "the other value stays");
        var remove = fake.calls().get(2);
        assertEquals("Remove-DnsServerResourceRecord", remove.path("cmdlet").asText());
        assertEquals("first", remove.path("RecordData").asText());
        assertEquals("DC01", remove.path("ComputerName").asText());
    }

    @Test
    void quotesOfEveryKindReachTheCmdletAsTheyAre() throws Exception {
        var fake = fake();
        var dns = new PowerShellDnsServer(fake.runner(), Optional.of("DC01"));
        var name = "o'brien\u2019s \u2018x\u201B $(whoami) `n";

        assertTrue(dns.addTxt("contoso.com", name, "v'1", MINUTE));

        assertEquals(name, fake.calls().get(0).path("Name").asText());
        assertEquals(List.of("v'1"), fake.txt("contoso.com", name));
    }

    @Test
    void theSameValueTwiceIsNotAddedAgainAndAValueNotThereIsNotAnError() throws Exception {
        var fake = fake();
        var dns = new PowerShellDnsServer(fake.runner(), Optional.of("DC01"));
        dns.addTxt("contoso.com", "_acme-challenge", "v1", MINUTE);

        assertFalse(dns.addTxt("contoso.com", "_acme-challenge", "v1", MINUTE), "WIN32 9711: already there");
        assertEquals(List.of("v1"), fake.txt("contoso.com", "_acme-challenge"));
        assertFalse(dns.removeTxt("contoso.com", "_acme-challenge", "other"), "WIN32 9701: no such value");
        assertFalse(dns.removeTxt("contoso.com", "_acme-challenge.www", "v1"), "WIN32 9714: no such name");
        assertEquals(List.of("v1"), fake.txt("contoso.com", "_acme-challenge"));
    }

    @Test
    void theServersRefusalsComeBackWithTheirWin32Code() throws Exception {
        var fake = fake();
        var dns = new PowerShellDnsServer(fake.runner(), Optional.of("DC01"));

        var noZone = assertThrows(PowerShellFailure.class, () -> dns.addTxt("fabrikam.com", "_acme-challenge", "v",
                MINUTE));
        assertEquals(OptionalInt.of(PowerShellDnsServer.ZONE_DOES_NOT_EXIST), PowerShellDnsServer.win32(noZone));
        assertEquals("ObjectNotFound", noZone.category());
        assertTrue(noZone.getMessage().contains("fabrikam.com"), noZone.getMessage());

        fake.set("deny", true);
        var denied = assertThrows(PowerShellFailure.class, () -> dns.addTxt("contoso.com", "_acme-challenge", "v",
                MINUTE));
        assertEquals(OptionalInt.of(PowerShellDnsServer.ACCESS_DENIED), PowerShellDnsServer.win32(denied));
        assertEquals("PermissionDenied", denied.category());
        var deniedRemove = assertThrows(PowerShellFailure.class, () -> dns.removeTxt("contoso.com", "_acme-challenge",
                "v"));
        assertEquals(OptionalInt.of(PowerShellDnsServer.ACCESS_DENIED), PowerShellDnsServer.win32(deniedRemove));

        var elsewhere = new PowerShellDnsServer(fake.runner(), Optional.of("DC09"));
        var unreachable = assertThrows(PowerShellFailure.class, elsewhere::zones);
        assertEquals(OptionalInt.of(PowerShellDnsServer.RPC_SERVER_UNAVAILABLE), PowerShellDnsServer.win32(unreachable));
    }

    @Test
    void aMissingModuleIsImportModulesError() throws Exception {
        var fake = fake();
        fake.set("module_missing", true);
        var failure = assertThrows(PowerShellFailure.class,
                () -> new PowerShellDnsServer(fake.runner(), Optional.empty()).zones());

        assertEquals("Import-Module", failure.cmdlet().orElseThrow());
        assertEquals(OptionalInt.empty(), PowerShellDnsServer.win32(failure));
    }

    @Test
    void blankNamesAreRefusedBeforeAnyScript() throws Exception {
        var fake = fake();
        var dns = new PowerShellDnsServer(fake.runner(), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> dns.addTxt(" ", "n", "v", MINUTE));
        assertThrows(IllegalArgumentException.class, () -> dns.removeTxt("z", "", "v"));
        assertEquals(List.of(), fake.calls());
    }
}
