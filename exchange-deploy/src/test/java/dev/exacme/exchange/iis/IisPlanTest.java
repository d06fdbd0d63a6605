package dev.exacme.exchange.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.rollout.DeployRefused;
import dev.exacme.exchange.rollout.DeployResult;
import dev.exacme.exchange.rollout.Rollout;
import dev.exacme.exchange.verify.Endpoint;
import dev.exacme.exchange.verify.Outcome;
import dev.exacme.exchange.verify.Presented;
import dev.exacme.exchange.verify.Protocol;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.Verification;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plan for named IIS sites and its rollout through the IIS shell: what it moves, creates,
 * leaves alone and refuses, and that a failure restores exactly what was there. What each
 * endpoint is served follows the fake's SSL bindings as http.sys picks them.
 */
class IisPlanTest {

    private static final Thumbprint UNRELATED = Thumbprint.parse("1111111111111111111111111111111111111111");

    /** Two names and a wildcard. */
    private final CertificateBundle fresh = TestBundles.rsa("www.contoso.com", "contoso.com", "*.contoso.com");
    private final CertificateBundle old = TestBundles.rsa("www.contoso.com", "contoso.com");
    /** Three names. */
    private final CertificateBundle portal = TestBundles.rsa("portal.contoso.com", "login.contoso.com",
            "files.contoso.com");
    private final FakeIisShell iis = new FakeIisShell();
    private final List<String> progress = new ArrayList<>();

    /** A server with an intranet on last quarter's certificate, a shop of someone else's and the default site. */
    private void aServerWithSeveralSites() {
        iis.bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(UNRELATED), false));
        iis.bindings.add(new WebBinding("Intranet", "*", 443, "www.contoso.com", Optional.of(old.thumbprint()), true));
        iis.bindings.add(new WebBinding("Intranet", "*", 8443, "", Optional.of(old.thumbprint()), false));
        iis.bindings.add(new WebBinding("Shop", "*", 443, "shop.fabrikam.com", Optional.of(UNRELATED), true));
        iis.sites.add("Wiki");
    }

    private IisPlan plan(CertificateBundle certificate, IisOptions options) throws Exception {
        return IisPlan.of(iis, certificate.leaf(), options);
    }

    private DeployResult<BindingChange> run(IisPlan plan) {
        return new Rollout<IisShell>(iis, httpSys(), progress::add).run(plan);
    }

    /** What each endpoint is served: http.sys's SNI binding for its name, else the address and port's. */
    private ServedCertificateCheck httpSys(CertificateBundle... extra) {
        var known = Stream.concat(Stream.of(fresh, old, portal), Stream.of(extra))
                .collect(Collectors.toMap(CertificateBundle::thumbprint, Function.identity()));
        return (endpoints, expected) -> new Verification(expected, endpoints.stream().map(endpoint -> {
            var served = endpoint.serverName().flatMap(name -> iis.served("!" + endpoint.port() + "!" + name))
                    .or(() -> iis.served("0.0.0.0!" + endpoint.port()));
            var presented = served.filter(known::containsKey)
                    .map(thumbprint -> Presented.certificate(endpoint, known.get(thumbprint).chain()))
                    .orElse(Presented.failure(endpoint, "the handshake failed: no certificate bound"));
            return Outcome.judge(presented, expected);
        }).toList());
    }

    /** Serves one certificate everywhere, as a stale load balancer in front of the server would. */
    private static ServedCertificateCheck serving(CertificateBundle bundle) {
        return (endpoints, expected) -> new Verification(expected, endpoints.stream()
                .map(endpoint -> Outcome.judge(Presented.certificate(endpoint, bundle.chain()), expected)).toList());
    }

    @Test
    void withSniEachNameGetsABindingTheWildcardIsNotedAndOtherSitesAndPortsAreLeftAlone() throws Exception {
        aServerWithSeveralSites();

        var plan = plan(fresh, new IisOptions(List.of("Intranet"), true, 443));

        var t = fresh.thumbprint();
        assertEquals(String.join("\n",
                "Deploy " + t,
                "  1. IIS site 'Intranet' binding https *:443:www.contoso.com (!443!www.contoso.com): "
                        + old.thumbprint() + " -> " + t,
                "  2. IIS site 'Intranet': new https binding *:443:contoso.com (SNI) on " + t,
                "  then check that these present it: tls://localhost:443 (SNI www.contoso.com),"
                        + " tls://localhost:443 (SNI contoso.com)",
                "  and restore everything above if one does not.",
                "  note: no SNI binding for *.contoso.com: IIS binds host names, not wildcards.",
                ""), plan.describe());

        var before = List.copyOf(iis.bindings);
        var result = run(plan);

        assertEquals(DeployResult.Outcome.DEPLOYED, result.outcome(), result.failure().orElse(""));
        assertEquals(List.of(
                before.get(0),
                FakeIisShell.moved(before.get(1), t),
                before.get(2),
                before.get(3),
                new WebBinding("Intranet", "*", 443, "contoso.com", Optional.of(t), true)), iis.bindings,
                "the default site, port 8443 and the shop are untouched");
    }

    @Test
    void threeNamesOnASiteWithABindingForAHostTheCertificateDoesNotCover() throws Exception {
        iis.bindings.add(new WebBinding("Portal", "*", 443, "login.contoso.com", Optional.of(old.thumbprint()), true));
        iis.bindings.add(new WebBinding("Portal", "*", 443, "legacy.fabrikam.com", Optional.of(UNRELATED), true));

        var plan = plan(portal, new IisOptions(List.of("portal"), true, 443));

        assertEquals(List.of(
                "IIS site 'Portal' binding https *:443:login.contoso.com (!443!login.contoso.com): " + old.thumbprint()
                        + " -> " + portal.thumbprint(),
                "IIS site 'Portal': new https binding *:443:portal.contoso.com (SNI) on " + portal.thumbprint(),
                "IIS site 'Portal': new https binding *:443:files.contoso.com (SNI) on " + portal.thumbprint()),
                plan.steps().stream().map(BindingChange::describe).toList(), "the site as IIS spells it");
        assertEquals(List.of("IIS site 'Portal' binding https *:443:legacy.fabrikam.com serves legacy.fabrikam.com,"
                + " which the certificate does not cover: left on " + UNRELATED + "."), plan.notes());
        assertEquals(List.of(Endpoint.withSni("localhost", 443, Protocol.TLS, "login.contoso.com"),
                Endpoint.withSni("localhost", 443, Protocol.TLS, "portal.contoso.com"),
                Endpoint.withSni("localhost", 443, Protocol.TLS, "files.contoso.com")), plan.endpoints());

        assertEquals(DeployResult.Outcome.DEPLOYED, run(plan).outcome());
        assertEquals(Optional.of(UNRELATED), iis.served("!443!legacy.fabrikam.com"));
        assertEquals(Optional.of(portal.thumbprint()), iis.served("!443!files.contoso.com"));
    }

    @Test
    void withoutSniASiteWithoutABindingGetsOneUnlessAnotherSiteHoldsTheAddressAndPort() throws Exception {
        aServerWithSeveralSites();

        var refused = assertThrows(DeployRefused.class, () -> plan(fresh, new IisOptions(List.of("Wiki"), false, 443)));
        assertEquals("IIS site 'Wiki' would get a binding https *:443: (no binding of the site is on port 443), but"
                + " IIS site 'Default Web Site' https *:443: already holds the http.sys SSL binding 0.0.0.0!443,"
                + " which carries one certificate. Bind that site instead, or use --iis-sni, or another --iis-port.",
                refused.getMessage());

        var plan = plan(fresh, new IisOptions(List.of("Wiki"), false, 9443));
        assertEquals(List.of(new BindingChange.CreateBinding(new WebBinding("Wiki", "*", 9443, "", Optional.empty(),
                false), fresh.thumbprint())), plan.steps());
        assertEquals("IIS site 'Wiki': new https binding *:9443: (no SNI, 0.0.0.0!9443) on " + fresh.thumbprint(),
                plan.steps().get(0).describe());
        assertEquals(List.of(Endpoint.withoutSni("localhost", 9443, Protocol.TLS)), plan.endpoints());

        var before = List.copyOf(iis.bindings);
        var result = new Rollout<IisShell>(iis, serving(old), progress::add).run(plan);
        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(before, iis.bindings, "the new binding is deleted again");
        assertEquals(List.of("create Wiki *:9443:", "delete Wiki *:9443:"), iis.calls);
    }

    @Test
    void everyHttpsBindingOfTheSiteOnThePortMovesAndOnesAlreadyOnItAreLeft() throws Exception {
        iis.bindings.add(new WebBinding("RD Gateway", "*", 443, "", Optional.of(old.thumbprint()), false));
        iis.bindings.add(new WebBinding("RD Gateway", "10.0.0.5", 443, "", Optional.of(fresh.thumbprint()), false));
        iis.bindings.add(new WebBinding("RD Gateway", "[2001:db8::5]", 443, "", Optional.of(old.thumbprint()),
                false));
        iis.bindings.add(new WebBinding("RD Gateway", "*", 80, "", Optional.of(old.thumbprint()), false));

        var plan = plan(fresh, new IisOptions(List.of("RD Gateway"), false, 443));

        assertEquals(List.of(new BindingChange.Rebind(iis.bindings.get(0), old.thumbprint(), fresh.thumbprint()),
                new BindingChange.Rebind(iis.bindings.get(2), old.thumbprint(), fresh.thumbprint())), plan.steps());
        assertEquals(List.of(Endpoint.withoutSni("localhost", 443, Protocol.TLS),
                Endpoint.withoutSni("10.0.0.5", 443, Protocol.TLS),
                Endpoint.withoutSni("2001:db8::5", 443, Protocol.TLS)), plan.endpoints(),
                "a binding on one address is checked at that address, one already on the certificate too");
    }

    @Test
    void bindingsSharingAnSslBindingWithAnotherSiteMoveTogetherOnlyWhenTheCertificateCoversTheOther()
            throws Exception {
        iis.bindings.add(new WebBinding("Intranet", "*", 443, "intranet.contoso.com", Optional.of(old.thumbprint()),
                false));
        iis.bindings.add(new WebBinding("Wiki", "*", 443, "wiki.contoso.com", Optional.of(old.thumbprint()), false));
        iis.bindings.add(new WebBinding("Legacy", "*", 443, "legacy.fabrikam.com", Optional.of(old.thumbprint()),
                false));

        var refused = assertThrows(DeployRefused.class,
                () -> plan(fresh, new IisOptions(List.of("Intranet"), false, 443)));
        assertEquals("IIS site 'Intranet' binding https *:443:intranet.contoso.com shares the http.sys SSL binding"
                + " 0.0.0.0!443 with IIS site 'Legacy' https *:443:legacy.fabrikam.com, which serves"
                + " legacy.fabrikam.com, a name the certificate does not cover: one certificate serves both, so moving"
                + " one moves the other. Name that site too (--iis-site), or give one of them its own address, port"
                + " or SNI binding.", refused.getMessage());

        iis.bindings.remove(2);
        var plan = plan(fresh, new IisOptions(List.of("Intranet"), false, 443));
        assertEquals(1, plan.steps().size(), plan.describe());
        assertEquals(List.of("IIS site 'Wiki' https *:443:wiki.contoso.com shares the http.sys SSL binding 0.0.0.0!443"
                + " with IIS site 'Intranet': it moves to the new certificate too, which covers wiki.contoso.com."),
                plan.notes());
        run(plan);
        assertEquals(Optional.of(fresh.thumbprint()), iis.bindings.get(1).certificate(), "changing one changed both");

        iis.bindings.add(new WebBinding("Catch-all", "*", 443, "", Optional.of(fresh.thumbprint()), false));
        iis.bindings.set(0, FakeIisShell.moved(iis.bindings.get(0), old.thumbprint()));
        var everyName = assertThrows(DeployRefused.class,
                () -> plan(fresh, new IisOptions(List.of("Intranet", "Wiki"), false, 443)));
        assertTrue(everyName.getMessage().contains("IIS site 'Catch-all' https *:443:, which answers for every host"
                + " name"), everyName.getMessage());
    }

    @Test
    void aHostHeaderTheCertificateDoesNotCoverIsNoted() throws Exception {
        iis.bindings.add(new WebBinding("Intranet", "10.0.0.7", 443, "intranet.fabrikam.com",
                Optional.of(old.thumbprint()), false));

        var plan = plan(fresh, new IisOptions(List.of("Intranet"), false, 443));

        assertEquals(List.of("IIS site 'Intranet' binding https 10.0.0.7:443:intranet.fabrikam.com (without SNI) serves"
                + " intranet.fabrikam.com, which the certificate does not cover: its clients will see a name"
                + " mismatch."), plan.notes());
        assertEquals(1, plan.steps().size());
    }

    @Test
    void anUnknownSiteIsRefusedBeforeAnythingChangesNamingTheSitesThereAre() throws Exception {
        aServerWithSeveralSites();

        var refused = assertThrows(DeployRefused.class,
                () -> plan(fresh, new IisOptions(List.of("Intranet", "Intarnet", "O'Brien's site"), true, 443)));

        assertEquals("IIS has no site 'Intarnet', 'O'Brien's site'; the sites of this server are 'Wiki', 'Default Web"
                + " Site', 'Intranet', 'Shop'. Name them as IIS Manager shows them (--iis-site).", refused.getMessage());
        assertEquals(List.of(), iis.calls, "nothing was changed");
    }

    @Test
    void whatWouldBeTakenOverIsRefused() throws Exception {
        aServerWithSeveralSites();
        iis.foreignSslBindings.add("!443!contoso.com");
        iis.bindings.add(new WebBinding("Other", "*", 443, "www.contoso.com", Optional.of(UNRELATED), true));
        iis.bindings.add(new WebBinding("Broken", "*", 443, "", Optional.empty(), false));

        var refused = assertThrows(DeployRefused.class,
                () -> plan(fresh, new IisOptions(List.of("Wiki"), true, 443)));
        assertEquals("IIS site 'Wiki' would get an SNI binding https *:443:www.contoso.com, but IIS site 'Intranet' https"
                + " *:443:www.contoso.com (SNI), IIS site 'Other' https *:443:www.contoso.com (SNI) already holds the"
                + " http.sys SSL binding !443!www.contoso.com, which carries one certificate. Bind that site instead, or"
                + " remove its binding. IIS site 'Wiki' would get an SNI binding https *:443:contoso.com, but http.sys"
                + " already has the SSL binding !443!contoso.com, which no IIS site uses (ADFS, an RD Gateway or netsh"
                + " may have made it): exacme does not take it over, since restoring would delete it. Remove it (netsh"
                + " http delete sslcert) or choose another --iis-port.", refused.getMessage());

        var broken = assertThrows(DeployRefused.class, () -> plan(fresh, new IisOptions(List.of("Broken"), false, 443)));
        assertTrue(broken.getMessage().startsWith("IIS site 'Broken' binding https *:443: has no certificate in"
                + " http.sys"), broken.getMessage());

        var twice = assertThrows(DeployRefused.class, () -> plan(portal, new IisOptions(List.of("Wiki", "Shop"), true,
                443)));
        assertTrue(twice.getMessage().contains("IIS sites 'Wiki' and 'Shop' would both get an SNI binding https"
                + " *:443:portal.contoso.com"), twice.getMessage());

        iis.bindings.add(new WebBinding(WebBinding.BACK_END, "*", 444, "", Optional.of(UNRELATED), false));
        var backEnd = assertThrows(DeployRefused.class,
                () -> plan(fresh, new IisOptions(List.of("exchange back end"), false, 444)));
        assertTrue(backEnd.getMessage().contains("keeps Exchange's self-signed certificate"), backEnd.getMessage());
        assertEquals(List.of(), iis.calls);
    }

    @Test
    void aSiteWhoseOnlyBindingsAreForOtherNamesIsRefusedRatherThanVerifiedOnNothing() throws Exception {
        iis.bindings.add(new WebBinding("Shop", "*", 443, "shop.fabrikam.com", Optional.of(UNRELATED), true));

        var refused = assertThrows(DeployRefused.class, () -> plan(fresh, new IisOptions(List.of("Shop"), false, 443)));

        assertTrue(refused.getMessage().startsWith("no https binding of 'Shop' on port 443 would serve the"
                + " certificate"), refused.getMessage());
    }

    @Test
    void aFailingBindInTheMiddleUndoesWhatWasAppliedInReverseOrder() throws Exception {
        iis.bindings.add(new WebBinding("Portal", "*", 443, "login.contoso.com", Optional.of(old.thumbprint()), true));
        iis.bindings.add(new WebBinding("Portal", "10.0.0.5", 443, "files.contoso.com", Optional.of(old.thumbprint()),
                true));
        iis.bindings.add(new WebBinding("Portal", "*", 443, "", Optional.of(old.thumbprint()), false));
        var plan = plan(portal, new IisOptions(List.of("Portal"), true, 443));
        assertEquals(4, plan.steps().size(), plan.describe());
        var before = List.copyOf(iis.bindings);
        iis.failOn = "bind Portal *:443: " + portal.thumbprint();

        var result = run(plan);

        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(2, result.applied().size());
        assertTrue(result.verification().isEmpty(), "no verification after a failed step");
        assertTrue(result.failure().orElseThrow().startsWith("step failed: IIS site 'Portal' binding https *:443:"
                + " (0.0.0.0!443)"), result.failure().orElseThrow());
        var p = portal.thumbprint();
        var o = old.thumbprint();
        assertEquals(List.of("bind Portal *:443:login.contoso.com " + p, "bind Portal 10.0.0.5:443:files.contoso.com " + p,
                "bind Portal *:443: " + p, "bind Portal *:443: " + o,
                "bind Portal 10.0.0.5:443:files.contoso.com " + o, "bind Portal *:443:login.contoso.com " + o), iis.calls,
                "the failed bind is undone too (its script may have removed the SSL binding), then the others, last"
                        + " first");
        assertEquals(before, iis.bindings);
    }

    @Test
    void aRestoreThatFailsIsReportedForTheOperator() throws Exception {
        iis.bindings.add(new WebBinding("Portal", "*", 443, "login.contoso.com", Optional.of(old.thumbprint()), true));
        iis.failOn = "create Portal *:443:files";
        iis.failUndoOn = "bind Portal *:443:login";

        var result = run(plan(portal, new IisOptions(List.of("Portal"), true, 443)));

        assertEquals(DeployResult.Outcome.ROLLBACK_INCOMPLETE, result.outcome());
        assertEquals(1, result.rollbackFailures().size());
        assertTrue(result.rollbackFailures().get(0).startsWith("IIS site 'Portal' binding https *:443:login.contoso.com"
                + " (!443!login.contoso.com): " + old.thumbprint() + " -> " + portal.thumbprint() + ": simulated"
                + " failure while restoring"), result.rollbackFailures().toString());
        assertEquals(List.of(), iis.bindings.stream().filter(binding -> binding.host().equals("portal.contoso.com"))
                .toList(), "the other restores still ran");
    }

    @Test
    void aVerificationFailureRestoresEveryBindingAndDeletesTheCreatedOnes() throws Exception {
        aServerWithSeveralSites();
        var before = List.copyOf(iis.bindings);
        var plan = plan(fresh, new IisOptions(List.of("Intranet"), true, 443));

        var result = new Rollout<IisShell>(iis, serving(old), progress::add).run(plan);

        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertTrue(result.failure().orElseThrow().contains("not served as expected"), result.failure().orElseThrow());
        assertEquals(before, iis.bindings);
        var o = old.thumbprint();
        assertEquals(List.of("bind Intranet *:443:www.contoso.com " + fresh.thumbprint(),
                "create Intranet *:443:contoso.com", "delete Intranet *:443:contoso.com",
                "bind Intranet *:443:www.contoso.com " + o), iis.calls);
        assertTrue(progress.contains("Restoring: IIS site 'Intranet': new https binding *:443:contoso.com (SNI) on "
                + fresh.thumbprint()), progress.toString());
    }

    @Test
    void anIpv6BindingIsReadWithItsAddressWhole() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"protocol":"https","bindingInformation":"[2001:db8::5]:8443:www.contoso.com","sslFlags":1,
                 "certificateHash":"","certificateStoreName":"",
                 "ItemXPath":"/system.applicationHost/sites/site[@name='Intranet' and @id='2']"}""");

        assertEquals(new WebBinding("Intranet", "[2001:db8::5]", 8443, "www.contoso.com", Optional.empty(), true),
                WebBinding.fromJson(node));
        var notABinding = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"bindingInformation\":\"*:https:\"}");
        assertThrows(IllegalArgumentException.class, () -> WebBinding.fromJson(notABinding));
    }
}
