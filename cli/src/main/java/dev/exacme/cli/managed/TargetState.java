package dev.exacme.cli.managed;

import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the current certificate of a managed certificate is deployed and verified at one of
 * its deployment targets; shown by {@code exacme show} and {@code exacme status}.
 *
 * @param target   the target in words ({@code exchange}, {@code iis:Default Web Site}, a script)
 * @param key      the key the state records it by
 * @param deployed whether the current certificate is deployed and verified there
 */
public record TargetState(String target, String key, boolean deployed) {

    /** Every deployment target of {@code spec}, in order; none deployed before the first certificate. */
    public static List<TargetState> of(CertificateSpec spec, CertificateState state) {
        var keys = spec.deploymentKeys();
        var targets = new ArrayList<TargetState>();
        for (var i = 0; i < keys.size(); i++) {
            targets.add(new TargetState(spec.deployments().get(i).target(), keys.get(i),
                    state.thumbprint() != null && state.isDeployedAt(keys.get(i))));
        }
        return targets;
    }
}
