package dev.exacme.lifecycle.pipeline;

import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ACME profile an order asks for when the definition names none. A certificate deployed to
 * Exchange gets {@code classic} from a CA that offers it: Exchange's connectors and hybrid
 * configuration name their certificate by {@code <I>issuer<S>subject}, and Let's Encrypt's other
 * profiles ({@code tlsserver}, {@code shortlived}) issue certificates with an empty subject. The
 * choice is then recorded in the definition, so that renewals keep it whatever the CA's default
 * becomes; {@code --profile} names another.
 *
 * @param profile   the profile to ask for, empty for the CA's default
 * @param defaulted whether it was chosen here (to be recorded), not named by the definition
 * @param said      what to tell the person, empty when there is nothing to say
 */
public record ProfileDefault(Optional<String> profile, boolean defaulted, Optional<String> said) {

    /** The profile Exchange deployments get. */
    public static final String EXCHANGE_PROFILE = "classic";

    /** Whether the CA's offer must be read to choose for {@code spec}. */
    public static boolean needsOffer(CertificateSpec spec) {
        return spec.ca().profile() == null && deploysToExchange(spec);
    }

    /** The choice for {@code spec} from a CA offering {@code offered} (empty: no profiles at all). */
    public static ProfileDefault choose(CertificateSpec spec, Set<String> offered) {
        if (!needsOffer(spec)) {
            return new ProfileDefault(Optional.ofNullable(spec.ca().profile()), false, Optional.empty());
        }
        if (offered.isEmpty()) {
            return new ProfileDefault(Optional.empty(), false, Optional.of("profile: the CA offers no profiles;"
                    + " ordering its default certificate"));
        }
        var others = new TreeSet<>(offered);
        others.remove(EXCHANGE_PROFILE);
        if (offered.contains(EXCHANGE_PROFILE)) {
            return new ProfileDefault(Optional.of(EXCHANGE_PROFILE), true, Optional.of("profile: " + EXCHANGE_PROFILE
                    + " for the Exchange deployment, whose connectors and hybrid configuration name a certificate by"
                    + " its subject" + (others.isEmpty() ? "" : " (the CA also offers " + String.join(", ", others)
                    + ")") + "; kept in the definition for renewals, --profile NAME chooses another"));
        }
        return new ProfileDefault(Optional.empty(), false, Optional.of("profile: the CA offers "
                + String.join(", ", others) + " but not " + EXCHANGE_PROFILE + "; ordering its default, which may"
                + " lack a subject common name (the deployment plan says what that means for connectors)"));
    }

    private static boolean deploysToExchange(CertificateSpec spec) {
        return spec.deployments().stream().anyMatch(DeploymentSpec.Exchange.class::isInstance);
    }
}
