package dev.exacme.exchange.iis;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * IIS in memory, behaving as http.sys does where the plans depend on it: a certificate belongs
 * to an SSL binding ({@link WebBinding#sslBinding()}), so binding one web binding moves every
 * web binding that shares its SSL binding, and deleting a binding removes its SSL binding for
 * all of them.
 */
public class FakeIisShell implements IisShell {

    /** The https bindings of every site. */
    public final List<WebBinding> bindings = new ArrayList<>();
    /** Sites without https bindings; the sites of {@link #bindings} are listed anyway. */
    public final List<String> sites = new ArrayList<>();
    /** Every change asked for, in order: {@code bind SITE address:port:host THUMBPRINT}, {@code create ...}, {@code delete ...}. */
    public final List<String> calls = new ArrayList<>();
    /** http.sys SSL bindings that no IIS site uses (another program's), by {@link WebBinding#sslBinding()} name. */
    public final List<String> foreignSslBindings = new ArrayList<>();
    /** IIS's WebAdministration module does not load. */
    public boolean iisBroken;
    /** A change whose description contains this fails. */
    public String failOn = "";
    /** The second change whose description contains this (the restore) fails. */
    public String failUndoOn = "";

    /** Records a change and fails it when asked to. */
    protected void maybeFail(String call) throws PowerShellFailure {
        calls.add(call);
        if (!failOn.isEmpty() && call.contains(failOn)) {
            throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD, "simulated failure of " + call,
                    "InvalidOperation", "Enable-ExchangeCertificate", "");
        }
        // The second call on the same target is the restore.
        if (!failUndoOn.isEmpty() && call.contains(failUndoOn)
                && calls.stream().filter(earlier -> earlier.contains(failUndoOn)).count() > 1) {
            throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD, "simulated failure while restoring");
        }
    }

    /** The binding with another certificate (or none). */
    public static WebBinding moved(WebBinding binding, Optional<Thumbprint> thumbprint) {
        return new WebBinding(binding.site(), binding.address(), binding.port(), binding.host(), thumbprint,
                binding.sni());
    }

    /** The binding with another certificate. */
    public static WebBinding moved(WebBinding binding, Thumbprint thumbprint) {
        return moved(binding, Optional.of(thumbprint));
    }

    /** The certificate http.sys holds for an SSL binding, as a client reaching it would get. */
    public Optional<Thumbprint> served(String sslBinding) {
        return bindings.stream().filter(known -> known.sslBinding().equals(sslBinding)).findFirst()
                .flatMap(WebBinding::certificate);
    }

    @Override
    public List<String> sites() throws PowerShellFailure {
        unlessBroken();
        var names = new LinkedHashSet<>(sites);
        bindings.forEach(binding -> names.add(binding.site()));
        return List.copyOf(names);
    }

    @Override
    public List<WebBinding> webBindings() throws PowerShellFailure {
        unlessBroken();
        return List.copyOf(bindings);
    }

    @Override
    public List<String> sslBindings() throws PowerShellFailure {
        unlessBroken();
        var names = new LinkedHashSet<>(foreignSslBindings);
        bindings.stream().filter(binding -> binding.certificate().isPresent())
                .forEach(binding -> names.add(binding.sslBinding()));
        return List.copyOf(names);
    }

    private void unlessBroken() throws PowerShellFailure {
        if (iisBroken) {
            throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD, "The specified module 'WebAdministration'"
                    + " was not loaded.");
        }
    }

    @Override
    public void bind(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
        maybeFail("bind " + binding.site() + " " + binding.bindingInformation() + " " + thumbprint);
        bindings.replaceAll(known -> known.sslBinding().equals(binding.sslBinding()) ? moved(known, thumbprint) : known);
    }

    @Override
    public void create(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
        maybeFail("create " + binding.site() + " " + binding.bindingInformation());
        bindings.add(moved(binding, thumbprint));
        bindings.replaceAll(known -> known.sslBinding().equals(binding.sslBinding()) ? moved(known, thumbprint) : known);
    }

    @Override
    public void delete(WebBinding binding) throws PowerShellFailure {
        maybeFail("delete " + binding.site() + " " + binding.bindingInformation());
        bindings.removeIf(known -> known.site().equals(binding.site())
                && known.bindingInformation().equals(binding.bindingInformation()));
        bindings.replaceAll(known -> known.sslBinding().equals(binding.sslBinding())
                ? moved(known, Optional.empty()) : known);
    }
}
