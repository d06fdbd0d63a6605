package dev.exacme.lifecycle.pipeline;

import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.exchange.ExchangeAccess;
import dev.exacme.lifecycle.deploy.exchange.ExchangeTarget;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's deploy step: the targets of a specification, in order.
 *
 * @param exchange how the Exchange target reaches Exchange
 */
public record Deploying(ExchangeAccess exchange) {

    /** The targets {@code spec} deploys to, reporting to {@code progress}. */
    public List<DeploymentTarget> targets(CertificateSpec spec, Progress progress) {
        var targets = new ArrayList<DeploymentTarget>();
        for (var deployment : spec.deployments()) {
            if (deployment instanceof DeploymentSpec.Exchange settings) {
                targets.add(new ExchangeTarget(settings, exchange, progress));
            } else {
                throw new IllegalStateException("no deployment target " + deployment.target() + " in this build");
            }
        }
        return targets;
    }
}
