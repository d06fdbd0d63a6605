package dev.exacme.lifecycle.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two script deployments through the whole pipeline, real programs (sh), the CA and the store in
 * memory: the second fails, the next pass deploys only to it, a new certificate goes to both
 * with the one it replaces as {@code {previous-thumbprint}}.
 */
class ScriptDeploymentPipelineTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;

    private final List<String> installed = new ArrayList<>();
    private int orders;

    private final Ordering ordering = new Ordering() {
        @Override
        public Ordered order(CertificateSpec spec, Optional<X509Certificate> replaces, Progress progress) {
            orders++;
            var bundle = TestBundles.ecdsa(spec.identifiers().toArray(String[]::new));
            try {
                return new Ordered(new IssuedCertificate(bundle.chain(), new KeyPair(bundle.leaf().getPublicKey(),
                        bundle.key()), CertificateRequest.parseNames(spec.identifiers()),
                        new URL("https://ca.test/order/" + orders), new URL("https://ca.test/cert/" + orders)), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<RenewalWindow> renewalWindow(CertificateSpec spec, X509Certificate certificate,
                                                     Progress progress) {
            return Optional.empty();
        }
    };

    private final Installing installing = new Installing() {
        @Override
        public void prepare(CertificateSpec spec) {
        }

        @Override
        public Installation install(CertificateSpec spec, IssuedCertificate issued) {
            installed.add(issued.thumbprint());
            return new Installation(Thumbprint.parse(issued.thumbprint()), "memory",
                    new KeyAccess("memory", "", "", List.of(), List.of()), List.of());
        }

        @Override
        public Optional<String> missing(CertificateSpec spec, String thumbprint) {
            return installed.contains(thumbprint) ? Optional.empty() : Optional.of(thumbprint + " is gone");
        }
    };

    /** The state in memory, the current certificate as a file, as the managed state keeps them. */

    private CertificatePipeline pipeline(Instant now) {
        return new CertificatePipeline(new CertificatePipeline.Steps(ordering, installing, new Deploying(null, null, null)),
                new RenewalTiming(RenewalTiming.DAILY), Clock.fixed(now, ZoneOffset.UTC), new SplittableRandom(5));
    }

    /** A script that appends its arguments, one run a line, to {@code NAME.runs}; it fails while {@code NAME.fail} exists. */
    private Path script(String name) throws IOException {
        var file = Files.writeString(temp.resolve(name + ".sh"), "#!/bin/sh\n"
                + "printf '%s|' \"$@\" >> '" + temp.resolve(name + ".runs") + "'\necho >> '"
                + temp.resolve(name + ".runs") + "'\n"
                + "if [ -e '" + temp.resolve(name + ".fail") + "' ]; then echo 'appliance busy' >&2; exit 1; fi\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private List<String> runs(String name) throws IOException {
        var runs = temp.resolve(name + ".runs");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    @Test
    void aFailedSecondScriptIsRetriedAloneAndANewCertificateGoesToBothWithTheOneItReplaces() throws Exception {
        var first = new DeploymentSpec.Script(script("first").toString(),
                List.of("{thumbprint}", "{previous-thumbprint}"), Duration.ofSeconds(20));
        var second = new DeploymentSpec.Script(script("second").toString(),
                List.of("{thumbprint}", "{previous-thumbprint}", "{names}"), Duration.ofSeconds(20));
        var spec = new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "gateway", List.of("rdg.example.test",
                "adfs.example.test"), new CaSpec("https://ca.test/dir", List.of(), new AccountSpec(List.of(), true,
                null, null), null, null), new ChallengeSpec.Http01Listener(80, List.of(), true),
                new KeySpec("ec256", false), new StoreSpec.Pem(temp.resolve("pem").toString(), null),
                List.of(first, second), Duration.ofMinutes(5), null, NOW).validated();
        assertNotEquals(first.key(), second.key());
        var record = new MemoryRecord(temp.resolve("current.pem"));
        Files.createFile(temp.resolve("second.fail"));

        var failed = pipeline(NOW).run(spec, record.state, CertificatePipeline.Mode.RENEW, record, Progress.QUIET);

        var issued = record.state.thumbprint();
        assertEquals(PipelineOutcome.Result.FAILED, failed.result(), failed.message());
        assertEquals("deploy", failed.failedStep());
        assertEquals(Phase.INSTALLED, record.state.phase());
        assertEquals(List.of(first.key()), record.state.deployedTo());
        assertEquals(List.of(DeploymentOutcome.Status.DEPLOYED, DeploymentOutcome.Status.FAILED),
                failed.deployments().stream().map(DeploymentOutcome::status).toList());
        assertTrue(failed.message().contains("failed with exit code 1") && failed.message().contains("appliance busy")
                && failed.message().contains("deploys " + issued + " again"), failed.message());
        assertEquals(List.of(issued + "||"), runs("first"), "the first certificate replaces none");
        assertEquals(List.of(issued + "||rdg.example.test,adfs.example.test|"), runs("second"));

        Files.delete(temp.resolve("second.fail"));
        var retried = pipeline(NOW.plus(1, ChronoUnit.HOURS)).run(spec, record.state, CertificatePipeline.Mode.RENEW,
                record, Progress.QUIET);

        assertEquals(PipelineOutcome.Result.DEPLOYED, retried.result(), retried.message());
        assertEquals(1, runs("first").size(), "the first target is not run again");
        assertEquals(2, runs("second").size());
        assertEquals(issued, record.state.thumbprint(), "the same certificate, no new order");
        assertEquals(1, orders);
        assertEquals(Phase.DEPLOYED, record.state.phase());
        assertEquals(List.of(first.key(), second.key()), record.state.deployedTo());

        var renewed = pipeline(NOW.plus(2, ChronoUnit.HOURS)).run(spec, record.state, CertificatePipeline.Mode.ORDER,
                record, Progress.QUIET);

        var replacement = record.state.thumbprint();
        assertEquals(PipelineOutcome.Result.RENEWED, renewed.result(), renewed.message());
        assertNotEquals(issued, replacement);
        assertEquals(Phase.DEPLOYED, record.state.phase());
        assertEquals(List.of(issued + "||", replacement + "|" + issued + "|"), runs("first"));
        assertEquals(replacement + "|" + issued + "|rdg.example.test,adfs.example.test|", runs("second").get(2));
        assertEquals(List.of(first.key(), second.key()), record.state.deployedTo());
    }
}
