package dev.exacme.lifecycle.importing.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.lifecycle.importing.certify.ManagedItem.ChallengeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The port of Certify's GetChallengeConfig gives what Certify's own test expects
 * (src/Certify.Tests/Certify.Core.Tests.Unit/Tests/ChallengeConfigMatchTests.cs,
 * MultiChallengeConfigMatch, at 81d83420), including its quirk that a DomainMatch of a domain does
 * not cover that domain's subdomains.
 */
class CertifyChallengeSelectionTest {

    private static ChallengeConfig config(String type, String match, String key) {
        return new ChallengeConfig(type, match, null, key, null, null, null, List.of());
    }

    private static final List<ChallengeConfig> CONFIGS = List.of(
            config("http-01", null, "config-default"),
            config("dns-01", "*.fred.com", "config-wildcard"),
            config("dns-01", "fred.com", "config2"),
            config("dns-01", "subdomain.example.com", "config3"),
            config("http-01", "example.com;www.exaomple.com, *.exaomple1.com ", "config4"));

    private static String selected(String identifier) {
        var request = new ManagedItem.RequestConfig("test.com", List.of(), List.of(), null, null, null, null, null,
                null, null, false, null, null, null, null, null, null, "10", null, null, false, false, CONFIGS, null,
                null, null, false, false, null, null);
        var item = new ManagedItem("id", "TestSite..", "1", true, null, false, request, List.of(), List.of(), "test",
                null, null, null, null, null, false, null, null, null);
        return new ChallengeMapping(item, "test", List.of(identifier), new Notes(CertifyInstallation.DEFAULTS))
                .configFor(identifier).challengeCredentialKey();
    }

    @Test
    void eachNameGetsTheConfigurationCertifyWouldGiveIt() {
        assertEquals("config-wildcard", selected("*.fred.com"), "Should match on wildcard");
        assertEquals("config2", selected("fred.com"), "Should match on domain");
        assertEquals("config3", selected("subdomain.example.com"), "Should match on domain");
        assertEquals("config-default", selected("www.example.com"), "Should match default");
        assertEquals("config4", selected("www.exaomple.com"), "Should match on domain");
        assertEquals("config4", selected("subdomain.exaomple1.com"), "Should match on domain wildcard");
        assertEquals("config-default", selected("www.subdomain.exaomple1.com"), "Should not match on domain wildcard");
        assertEquals("config4", selected("example.com"), "Should match on domain");
        assertEquals("config-default", selected("www.microsoft.com"), "Should match default");
    }
}
