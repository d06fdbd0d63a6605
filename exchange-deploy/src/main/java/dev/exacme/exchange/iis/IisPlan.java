package dev.exacme.exchange.iis;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.DeployRefused;
import dev.exacme.exchange.rollout.RolloutPlan;
import dev.exacme.exchange.verify.Endpoint;
import dev.exacme.exchange.verify.Protocol;
import dev.exacme.store.Thumbprint;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What deploying a certificate to named IIS sites changes, computed from what IIS reports now
 * and printed before anything happens ({@code --dry-run} stops there). For each site, on the
 * chosen port:
 *
 * <ol>
 * <li>its https bindings move to the new certificate; those already on it are left, and an
 * SNI binding for a host name the certificate does not cover is left on its certificate;</li>
 * <li>with SNI, one SNI binding {@code *:port:NAME} per name of the certificate (wildcards
 * cannot be bound) is created where the site has none; without SNI, a binding
 * {@code *:port:} is created when the site has no binding on the port;</li>
 * <li>the endpoints that must then present it: this computer on the port, with SNI for each
 * SNI binding, without SNI for the others.</li>
 * </ol>
 *
 * <p>Other sites' bindings and other ports are not touched, with one exception http.sys
 * imposes: web bindings without SNI on one address and port share one SSL binding and so one
 * certificate. Moving a named site's binding then moves another site's too; that is done (and
 * noted) only when the certificate covers every host name the other site serves there, and
 * refused otherwise, since it would break that site. Nothing is created where a binding of
 * another site, or an SSL binding no IIS site uses, would be taken over: restoring would
 * delete it.
 *
 * @param thumbprint the certificate being deployed
 * @param steps      the changes in order
 * @param notes      what the person should know about this plan
 * @param endpoints  what is checked on the wire afterwards
 */
public record IisPlan(Thumbprint thumbprint, List<BindingChange> steps, List<String> notes, List<Endpoint> endpoints)
        implements RolloutPlan<BindingChange> {

    /** Where the wire check connects for bindings on every address of this computer. */
    public static final String THIS_COMPUTER = "localhost";

    /** Copies the lists. */
    public IisPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * The plan for deploying {@code certificate} (already in {@code LocalMachine\My}) to the
     * sites of {@code options}.
     *
     * @throws DeployRefused when a site does not exist or a binding cannot be made without
     *                       breaking another; nothing has been changed
     */
    public static IisPlan of(IisShell shell, X509Certificate certificate, IisOptions options)
            throws PowerShellFailure, DeployRefused {
        var sites = known(shell.sites(), options.sites());
        var planner = new Planner(Thumbprint.of(certificate), CertificateNames.of(certificate), options.port(), sites,
                shell.webBindings(), shell.sslBindings());
        for (var site : sites) {
            planner.site(site, options.sni());
        }
        return planner.plan();
    }

    /** The sites asked for as IIS spells them, each once; refuses every unknown one at once, listing those there are. */
    private static List<String> known(List<String> existing, List<String> asked) throws DeployRefused {
        var found = new ArrayList<String>();
        var unknown = new ArrayList<String>();
        for (var name : asked) {
            var match = existing.stream().filter(name::equalsIgnoreCase).findFirst();
            if (match.isEmpty()) {
                unknown.add(name);
            } else if (found.stream().noneMatch(match.get()::equalsIgnoreCase)) {
                found.add(match.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new DeployRefused("IIS has no site " + quoted(unknown) + "; the sites of this server are "
                    + (existing.isEmpty() ? "none" : quoted(existing)) + ". Name them as IIS Manager shows them"
                    + " (--iis-site).");
        }
        if (found.stream().anyMatch(WebBinding.BACK_END::equalsIgnoreCase)) {
            throw new DeployRefused("the '" + WebBinding.BACK_END + "' site keeps Exchange's self-signed certificate:"
                    + " another certificate there breaks Exchange's proxying (HTTP 500). --deploy exchange"
                    + " --include-backend changes it if it must.");
        }
        return found;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    /** The plan being worked out, site by site; collects every refusal so that one run names them all. */
    private static final class Planner {

        private final Thumbprint thumbprint;
        private final CertificateNames names;
        private final int port;
        private final List<String> sites;
        private final List<WebBinding> bindings;
        private final List<BindingChange> steps = new ArrayList<>();
        private final Set<String> notes = new LinkedHashSet<>();
        private final Set<String> refusals = new LinkedHashSet<>();
        /** The SSL bindings a step already changes: one step per SSL binding, whichever web binding asked. */
        private final Set<String> claimed = new HashSet<>();
        /** The bindings created, checked so that none takes over another's SSL binding. */
        private final NewBindings created;
        /** The bindings that serve the certificate once the plan ran, for the wire check. */
        private final List<WebBinding> serving = new ArrayList<>();

        Planner(Thumbprint thumbprint, CertificateNames names, int port, List<String> sites, List<WebBinding> bindings,
                List<String> sslBindings) {
            this.thumbprint = thumbprint;
            this.names = names;
            this.port = port;
            this.sites = sites;
            this.bindings = bindings;
            this.created = new NewBindings(bindings, sslBindings);
        }

        void site(String site, boolean sni) {
            var own = bindings.stream().filter(binding -> binding.site().equalsIgnoreCase(site)
                    && binding.port() == port).toList();
            own.forEach(this::move);
            if (sni) {
                names.wildcards().forEach(name -> notes.add("no SNI binding for " + name
                        + ": IIS binds host names, not wildcards."));
                for (var name : names.hostNames()) {
                    sniBinding(site, own, name);
                }
            } else if (own.isEmpty()) {
                create(new WebBinding(site, "*", port, "", Optional.empty(), false));
            }
        }

        private void move(WebBinding binding) {
            var current = binding.certificate();
            if (binding.sni() && !names.covers(binding.host())) {
                notes.add(describe(binding) + " serves " + binding.host() + ", which the certificate does not cover:"
                        + " left on " + current.map(Thumbprint::toString).orElse("no certificate") + ".");
                return;
            }
            if (current.isEmpty()) {
                // Binding it would need an undo that removes the SSL binding again, which no step has yet.
                refusals.add(describe(binding) + " has no certificate in http.sys: give it one in IIS Manager or"
                        + " remove it, then deploy again.");
                return;
            }
            serving.add(binding);
            if (current.get().equals(thumbprint) || !claimed.add(binding.sslBinding())) {
                return;
            }
            shared(binding);
            if (!binding.sni() && !binding.host().isEmpty() && !names.covers(binding.host())) {
                notes.add(describe(binding) + " (without SNI) serves " + binding.host() + ", which the certificate"
                        + " does not cover: its clients will see a name mismatch.");
            }
            steps.add(new BindingChange.Rebind(binding, current.get(), thumbprint));
        }

        /** The web bindings of sites not named that share {@code binding}'s SSL binding, and so move with it. */
        private void shared(WebBinding binding) {
            for (var other : bindings) {
                if (!other.sslBinding().equals(binding.sslBinding()) || named(other.site())) {
                    continue;
                }
                if (other.host().isEmpty() || !names.covers(other.host())) {
                    refusals.add(describe(binding) + " shares the http.sys SSL binding " + binding.sslBinding()
                            + " with IIS site '" + other.site() + "' https " + other.bindingInformation() + ", which "
                            + (other.host().isEmpty() ? "answers for every host name"
                            : "serves " + other.host() + ", a name the certificate does not cover")
                            + ": one certificate serves both, so moving one moves the other. Name that site too"
                            + " (--iis-site), or give one of them its own address, port or SNI binding.");
                } else {
                    notes.add("IIS site '" + other.site() + "' https " + other.bindingInformation() + " shares the"
                            + " http.sys SSL binding " + binding.sslBinding() + " with IIS site '" + binding.site()
                            + "': it moves to the new certificate too, which covers " + other.host() + ".");
                }
            }
        }

        private void sniBinding(String site, List<WebBinding> own, String name) {
            if (own.stream().anyMatch(binding -> binding.sni() && binding.host().equalsIgnoreCase(name))) {
                return;
            }
            var wanted = new WebBinding(site, "*", port, name, Optional.empty(), true);
            var plain = own.stream().filter(binding -> binding.bindingInformation()
                    .equalsIgnoreCase(wanted.bindingInformation())).findFirst();
            if (plain.isPresent()) {
                notes.add(describe(plain.get()) + " has no SNI: it moves with its SSL binding "
                        + plain.get().sslBinding() + " and stays without SNI (Require Server Name Indication in IIS"
                        + " Manager changes that).");
                return;
            }
            create(wanted);
        }

        private void create(WebBinding wanted) {
            var kind = wanted.sni() ? "an SNI binding https " + wanted.bindingInformation()
                    : "a binding https " + wanted.bindingInformation() + " (no binding of the site is on port " + port
                    + ")";
            var conflict = created.claim(wanted, kind);
            if (conflict.isPresent()) {
                refusals.add(conflict.get().reason() + switch (conflict.get().kind()) {
                    case HELD_BY_A_SITE -> " Bind that site instead, or"
                            + (wanted.sni() ? " remove its binding." : " use --iis-sni, or another --iis-port.");
                    case PLANNED_TWICE -> " Name one of them.";
                    case NOT_IIS -> " Remove it (netsh http delete sslcert) or choose another --iis-port.";
                });
                return;
            }
            claimed.add(wanted.sslBinding());
            serving.add(wanted);
            steps.add(new BindingChange.CreateBinding(wanted, thumbprint));
        }

        private boolean named(String site) {
            return sites.stream().anyMatch(site::equalsIgnoreCase);
        }

        IisPlan plan() throws DeployRefused {
            var endpoints = new LinkedHashSet<Endpoint>();
            for (var binding : serving) {
                var host = host(binding.address());
                endpoints.add(binding.sni() ? Endpoint.withSni(host, port, Protocol.TLS,
                        binding.host().toLowerCase(Locale.ROOT)) : Endpoint.withoutSni(host, port, Protocol.TLS));
            }
            if (endpoints.isEmpty() && refusals.isEmpty()) {
                refusals.add("no https binding of " + quoted(sites) + " on port " + port + " would serve the"
                        + " certificate, and none is created: bind a host name it covers, or use --iis-sni.");
            }
            if (!refusals.isEmpty()) {
                throw new DeployRefused(String.join(" ", refusals));
            }
            return new IisPlan(thumbprint, steps, List.copyOf(notes), List.copyOf(endpoints));
        }

        /** Where to connect for a binding's address: this computer for every address, else the address itself. */
        private static String host(String address) {
            if (address.equals("*") || address.equals("0.0.0.0") || address.isBlank()) {
                return THIS_COMPUTER;
            }
            return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                    : address;
        }
    }

    private static String describe(WebBinding binding) {
        return "IIS site '" + binding.site() + "' binding https " + binding.bindingInformation();
    }
}
