package dev.exacme.exchange.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A binding whose certificate win-acme put into {@code LocalMachine\WebHosting}: moved to exacme's
 * certificate of {@code My}, and a rollback binds the old one from WebHosting, where it is.
 */
class WebHostingStoreTest {

    private static final String OLD = "1111111111111111111111111111111111111111";
    private static final String NEW = "2222222222222222222222222222222222222222";

    private static WebBinding read(String store) throws Exception {
        return WebBinding.fromJson(new ObjectMapper().readTree("{\"protocol\":\"https\",\"bindingInformation\":"
                + "\"*:443:\",\"sslFlags\":0,\"certificateHash\":\"" + OLD + "\",\"certificateStoreName\":\"" + store
                + "\",\"ItemXPath\":\"/system.applicationHost/sites/site[@name='Default Web Site' and @id='1']\"}"));
    }

    @Test
    void theNewCertificateComesFromMyAndTheRollbackTakesTheOldOneFromWhereItIs() throws Exception {
        var binding = read("WebHosting");
        assertEquals("WebHosting", binding.store());
        var bound = new ArrayList<String>();
        var shell = new FakeIisShell() {
            @Override
            public void bind(WebBinding target, Thumbprint thumbprint) throws PowerShellFailure {
                bound.add(target.store() + " " + thumbprint);
                var script = new PowerShellIisShell.Scripts().bind(target, thumbprint).text();
                assertTrue(script.contains("('Cert:\\LocalMachine\\' + '" + target.store() + "' + '\\' + '"
                        + thumbprint + "')"), script);
            }
        };
        var change = new BindingChange.Rebind(binding, Thumbprint.parse(OLD), Thumbprint.parse(NEW));
        change.apply(shell);
        change.undo(shell);
        assertEquals(List.of("My " + NEW, "WebHosting " + OLD), bound);
        assertEquals("My", read("").store(), "IIS reports no store for a binding without a certificate");
    }

    @Test
    void aStoreNameThatWouldStepOutOfLocalMachineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> read("..\\\\CurrentUser\\\\My"));
    }
}
