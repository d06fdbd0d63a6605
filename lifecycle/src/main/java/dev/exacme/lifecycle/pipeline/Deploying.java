package dev.exacme.lifecycle.pipeline;

import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.exchange.ExchangeAccess;
import dev.exacme.lifecycle.deploy.exchange.ExchangeTarget;
import dev.exacme.lifecycle.deploy.iis.IisAccess;
import dev.exacme.lifecycle.deploy.iis.IisTarget;
import dev.exacme.lifecycle.deploy.revocation.RevocationCheck;
import dev.exacme.lifecycle.deploy.revocation.RevocationCheckedTarget;
import dev.exacme.lifecycle.deploy.script.ScriptTarget;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;

/**
 * The pipeline's deploy step: the target for each deployment of a specification.
 *
 * @param exchange   how the Exchange target reaches Exchange
 * @param iis        how the IIS target reaches IIS
 * @param revocation what must be reachable before Exchange or IIS is given a certificate: its CRLs
 */
public record Deploying(ExchangeAccess exchange, IisAccess iis, RevocationCheck revocation) {

    /** The target for {@code deployment} of {@code spec}, reporting to {@code progress}. */
    public DeploymentTarget target(CertificateSpec spec, DeploymentSpec deployment, Progress progress) {
        if (deployment instanceof DeploymentSpec.Exchange settings) {
            return new RevocationCheckedTarget(new ExchangeTarget(settings, exchange, progress), revocation, progress);
        }
        if (deployment instanceof DeploymentSpec.Iis settings) {
            return new RevocationCheckedTarget(new IisTarget(settings, iis, progress), revocation, progress);
        }
        if (deployment instanceof DeploymentSpec.Script settings) {
            return new ScriptTarget(settings, spec, progress);
        }
        throw new IllegalStateException("a kind of deployment without a target: " + deployment.target());
    }
}
