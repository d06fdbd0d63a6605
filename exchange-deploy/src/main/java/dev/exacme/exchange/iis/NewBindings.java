package dev.exacme.exchange.iis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The https bindings a plan creates, checked against what IIS and http.sys hold already. http.sys
 * keeps one certificate per SSL binding ({@link WebBinding#sslBinding()}), and creating a binding
 * replaces the SSL binding of that name if there is one: where another web binding, or an SSL
 * binding no IIS site uses, holds it, the creation would take it over and its undo would delete
 * it. The one rule for every plan that creates bindings (named IIS sites, Exchange's SNI site).
 */
public final class NewBindings {

    /** Why a binding cannot be created; {@link #reason} says it, each plan adds what the person can do. */
    public enum Kind {
        /** A web binding of an IIS site holds the SSL binding, or has the same binding information. */
        HELD_BY_A_SITE,
        /** The same plan already creates a binding for another site on that SSL binding. */
        PLANNED_TWICE,
        /** http.sys has the SSL binding and no IIS site uses it (ADFS, an RD Gateway, netsh). */
        NOT_IIS
    }

    /**
     * A binding that cannot be created.
     *
     * @param kind   why
     * @param reason the sentence saying so, without advice
     */
    public record Conflict(Kind kind, String reason) {
    }

    private final List<WebBinding> bindings;
    private final Set<String> sslBindings;
    /** The SSL bindings a new binding is planned for, and the site it is for. */
    private final Map<String, String> planned = new HashMap<>();

    /**
     * Checks against {@code bindings} (every site's https bindings) and {@code sslBindings}
     * (http.sys's SSL bindings, {@link IisShell#sslBindings()}).
     */
    public NewBindings(List<WebBinding> bindings, List<String> sslBindings) {
        this.bindings = List.copyOf(bindings);
        this.sslBindings = Set.copyOf(sslBindings);
    }

    /**
     * Plans {@code wanted}, or says why it cannot be created without taking something over.
     *
     * @param what how the binding is described in the reason ("an SNI binding https *:443:host")
     */
    public Optional<Conflict> claim(WebBinding wanted, String what) {
        var owners = bindings.stream().filter(binding -> binding.sslBinding().equals(wanted.sslBinding())
                || binding.bindingInformation().equalsIgnoreCase(wanted.bindingInformation())).toList();
        if (!owners.isEmpty()) {
            return Optional.of(new Conflict(Kind.HELD_BY_A_SITE, "IIS site '" + wanted.site() + "' would get " + what
                    + ", but " + owners.stream().map(owner -> "IIS site '" + owner.site() + "' https "
                            + owner.bindingInformation() + (owner.sni() ? " (SNI)" : ""))
                    .collect(Collectors.joining(", ")) + " already holds the http.sys SSL binding "
                    + wanted.sslBinding() + ", which carries one certificate."));
        }
        var other = planned.putIfAbsent(wanted.sslBinding(), wanted.site());
        if (other != null) {
            return Optional.of(new Conflict(Kind.PLANNED_TWICE, "IIS sites '" + other + "' and '" + wanted.site()
                    + "' would both get " + what + ": http.sys holds one certificate for " + wanted.sslBinding()
                    + "."));
        }
        if (sslBindings.contains(wanted.sslBinding())) {
            return Optional.of(new Conflict(Kind.NOT_IIS, "IIS site '" + wanted.site() + "' would get " + what
                    + ", but http.sys already has the SSL binding " + wanted.sslBinding() + ", which no IIS site uses"
                    + " (ADFS, an RD Gateway or netsh may have made it): exacme does not take it over, since"
                    + " restoring would delete it."));
        }
        return Optional.empty();
    }
}
