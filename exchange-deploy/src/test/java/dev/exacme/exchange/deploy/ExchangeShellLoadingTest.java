package dev.exacme.exchange.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How this computer's Exchange cmdlets are loaded: the Exchange Management Shell, the snap-in
 * only when that fails, said in the plan; with {@code fake-powershell.py} standing in for
 * PowerShell and told through its environment which way is broken.
 */
class ExchangeShellLoadingTest {

    private static final Path STAND_IN = Path.of("src/test/resources/fake-powershell.py").toAbsolutePath();

    private static PowerShellExchangeShell local(String broken) {
        return PowerShellExchangeShell.local(new PowerShellRunner(List.of("env", "FAKE_EXCHANGE_SHELL=" + broken,
                "python3", STAND_IN.toString()), Duration.ofSeconds(30)));
    }

    @Test
    void theManagementShellIsLoadedTheSupportedWay() throws Exception {
        var shell = local("");

        assertEquals(new ExchangeSession.ManagementShell(), shell.session());
        assertEquals("the Exchange Management Shell (RemoteExchange.ps1, Connect-ExchangeServer -auto)",
                shell.exchangeShell());
    }

    @Test
    void theSnapInIsTheFallbackWithTheReasonAndIsKeptForEveryScript() throws Exception {
        var shell = local("management-shell");

        var session = shell.session();
        assertEquals(new ExchangeSession.SnapIn("Connecting to remote server ex01.contoso.local failed: Access is"
                + " denied."), session);
        assertTrue(shell.exchangeShell().startsWith("the snap-in Microsoft.Exchange.Management.PowerShell.SnapIn,"
                + " because the Exchange Management Shell did not load (Connecting to remote server"), shell.exchangeShell());
        assertTrue(shell.exchangeShell().contains("bypasses RBAC"), shell.exchangeShell());
        assertTrue(shell.session() == session, "decided once");
    }

    @Test
    void neitherLoadingSaysBothReasons() {
        var failure = assertThrows(PowerShellFailure.class, () -> local("both").exchangeShell());

        assertTrue(failure.getMessage().contains("Access is denied"), failure.getMessage());
        assertTrue(failure.getMessage().contains("is not installed"), failure.getMessage());
        assertTrue(failure.getMessage().contains("--exchange-uri"), failure.getMessage());
    }
}
