package dev.exacme.cli.issue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.output.Times;
import dev.exacme.cli.certificate.CertificateOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.exchange.DeploymentReport;
import dev.exacme.cli.output.Times;
import dev.exacme.cli.store.InstallationReport;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.pipeline.StateRecord;
import dev.exacme.store.Installation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code exacme issue}: order a certificate and install it into a store. */
@Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {
            "Orders a certificate and installs it into a store.",
            "Validates every name through HTTP-01 (own listener or --webroot) or DNS-01 (--dns PROVIDER,",
            "needed for wildcards), then installs certificate, chain and key with --store: the Windows machine",
            "store (default on Windows), PEM files (default elsewhere; --out DIR), a PFX file or a keystore."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE,
            ExitCodes.USAGE, ExitCodes.CA_REFUSED,
            ExitCodes.NETWORK})
public final class IssueCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Mixin
    private CertificateOptions certificate;

    @Override
    public Integer call() throws Exception {
        var console = global.console();
        var configDirectory = global.configDirectory();
        // Everything that can be refused locally is refused before the CA hears from us.
        var spec = certificate.spec("", first -> ConfigDirectory.pem(configDirectory).resolve(first.replace('*', '_')));
        var run = Pipelines.context(configDirectory, certificate.ca().networkOptions(), console);
        try (var lock = Pipelines.lockOrRefuse(configDirectory, Pipelines.LONG_WAIT, console)) {
            var owner = Pipelines.managed(configDirectory).sharingStore(spec, "");
            if (owner.isPresent()) {
                throw new InvalidRequest(spec.store().location() + " belongs to managed certificate " + owner.get()
                        + ": 'exacme renew " + owner.get() + " --force' renews it; for another certificate give"
                        + " 'exacme issue' a store of its own (--out DIR, --pfx-file FILE).");
            }
            var outcome = Pipelines.pipeline(run).run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                    StateRecord.NONE, console);
            if (outcome.failure().isPresent()) {
                throw outcome.failure().get();
            }
            var ordered = outcome.ordered().orElseThrow();
            var document = console.newDocument();
            var text = report(document, ordered.certificate(), KeyType.of(ordered.certificate().keyPair()),
                    outcome.installation().orElseThrow(), ordered.account());
            DeploymentReport.add(console, document, text, outcome.state().thumbprint(), outcome.deployments());
            return console.result(document, text.toString(),
                    outcome.deployments().stream().allMatch(DeploymentOutcome::deployed) ? 0 : 1);
        }
    }

    private StringBuilder report(ObjectNode document, IssuedCertificate issued, KeyType keyType,
                                 Installation installation, AccountLogin login) {
        var console = global.console();
        var names = document.putArray("domains");
        issued.names().forEach(name -> names.add(name.ascii()));
        document.put("serial", issued.serialHex());
        document.put("thumbprint", issued.thumbprint());
        Times.put(document, "notBefore", issued.notBefore());
        Times.put(document, "notAfter", issued.notAfter());
        document.put("issuer", issued.leaf().getIssuerX500Principal().getName());
        document.put("chainLength", issued.chain().size());
        document.put("keyType", keyType.id());
        document.put("orderUrl", issued.orderUrl().toString());
        document.put("certificateUrl", issued.certificateUrl().toString());
        document.put("certificate", PemFormat.certificates(List.of(issued.leaf())));
        var accountNode = document.putObject("account");
        accountNode.put("url", login.account().location().toString());
        accountNode.put("created", login.created());
        document.set("installed", InstallationReport.json(console, installation));

        return new StringBuilder()
                .append("Certificate issued for ")
                .append(String.join(", ", issued.names().stream().map(name -> name.ascii()).toList())).append('\n')
                .append("  valid       ").append(Times.text(issued.notBefore())).append(" to ")
                .append(Times.text(issued.notAfter())).append('\n')
                .append("  issuer      ").append(issued.leaf().getIssuerX500Principal().getName()).append('\n')
                .append("  serial      ").append(issued.serialHex()).append('\n')
                .append("  thumbprint  ").append(issued.thumbprint()).append('\n')
                .append("  key         ").append(keyType.id()).append('\n')
                .append(InstallationReport.text(installation));
    }
}
