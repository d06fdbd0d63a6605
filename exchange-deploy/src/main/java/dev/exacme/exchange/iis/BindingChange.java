package dev.exacme.exchange.iis;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.Change;
import dev.exacme.store.Thumbprint;

/**
 * A change to an IIS https binding, with the change that takes it back. Needs only the IIS
 * shell, so the same changes serve Exchange's plan (whose shell extends it) and the plan for
 * named IIS sites.
 */
public sealed interface BindingChange extends Change<IisShell> {

    /** The binding changed. */
    WebBinding binding();

    /**
     * Each script removes the SSL binding before it adds the new one (or adds the web binding
     * before its SSL binding): a failure between the two is undone too, and both undos run on
     * any part of it.
     */
    @Override
    default boolean undoneWhenFailed() {
        return true;
    }

    /**
     * Points an IIS https binding at the new certificate; undone by pointing it back. Every web
     * binding that shares the binding's http.sys SSL binding moves with it.
     */
    record Rebind(WebBinding binding, Thumbprint from, Thumbprint to) implements BindingChange {

        @Override
        public String describe() {
            return "IIS site '" + binding.site() + "' binding https " + binding.bindingInformation() + " ("
                    + binding.sslBinding() + "): " + from + " -> " + to;
        }

        @Override
        public void apply(IisShell shell) throws PowerShellFailure {
            shell.bind(binding.inMy(), to);
        }

        /** Back to the certificate it had, from the store it was in ({@code WebHosting} for win-acme's). */
        @Override
        public void undo(IisShell shell) throws PowerShellFailure {
            shell.bind(binding, from);
        }
    }

    /** Creates an https binding (with SNI for one of the certificate's names, or without); undone by deleting it. */
    record CreateBinding(WebBinding binding, Thumbprint thumbprint) implements BindingChange {

        @Override
        public String describe() {
            return "IIS site '" + binding.site() + "': new https binding " + binding.bindingInformation()
                    + (binding.sni() ? " (SNI)" : " (no SNI, " + binding.sslBinding() + ")") + " on " + thumbprint;
        }

        @Override
        public void apply(IisShell shell) throws PowerShellFailure {
            shell.create(binding, thumbprint);
        }

        @Override
        public void undo(IisShell shell) throws PowerShellFailure {
            shell.delete(binding);
        }
    }
}
