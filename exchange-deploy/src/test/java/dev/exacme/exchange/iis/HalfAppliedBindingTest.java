package dev.exacme.exchange.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.DeployResult;
import dev.exacme.exchange.rollout.Rollout;
import dev.exacme.exchange.verify.Verification;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A binding change that fails half-way, as the real scripts can (the SSL binding removed, the
 * new one refused by http.sys), is undone too: the site keeps its old certificate.
 */
class HalfAppliedBindingTest {

    @Test
    void aBindWhoseNewItemFailsAfterRemoveItemIsRestored() throws Exception {
        var fresh = TestBundles.rsa("www.contoso.com");
        var old = TestBundles.rsa("www.contoso.com");
        // The real bind script: Remove-Item IIS:\SslBindings\X, then New-Item fails (key not usable by http.sys).
        var iis = new FakeIisShell() {
            @Override
            public void bind(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
                if (thumbprint.equals(fresh.thumbprint())) {
                    bindings.replaceAll(known -> known.sslBinding().equals(binding.sslBinding())
                            ? moved(known, Optional.empty()) : known);
                    throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD,
                            "A specified logon session does not exist.");
                }
                super.bind(binding, thumbprint);
            }
        };
        iis.bindings.add(new WebBinding("Intranet", "*", 443, "", Optional.of(old.thumbprint()), false));
        var plan = IisPlan.of(iis, fresh.leaf(), new IisOptions(List.of("Intranet"), false, 443));
        var result = new Rollout<IisShell>(iis, (endpoints, expected) -> new Verification(expected, List.of()),
                line -> { }).run(plan);
        assertEquals(Optional.of(old.thumbprint()), iis.served("0.0.0.0!443"),
                "outcome " + result.outcome() + ": the site is left with no certificate");
        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
    }
}
