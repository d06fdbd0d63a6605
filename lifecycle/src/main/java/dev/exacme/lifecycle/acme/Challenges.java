package dev.exacme.lifecycle.acme;

import dev.exacme.acme.challenge.ChallengeSolver;
import dev.exacme.acme.challenge.Http01Solver;
import dev.exacme.acme.dns.Dns01Solver;
import dev.exacme.acme.dns.DnsResolution;
import dev.exacme.acme.dns.Propagation;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.http01.Http01Responder;
import dev.exacme.acme.http01.Http01Webroot;
import dev.exacme.acme.http01.SelfCheck;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.acme.http01.iis.IisWebroot;
import dev.exacme.acme.http01.windows.HttpSysListener;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.lifecycle.acme.dns.DnsProviders;
import dev.exacme.lifecycle.acme.dns.HostPort;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;

/** Builds the solver a specification's challenge describes, for one order. */
public final class Challenges {

    private Challenges() {
    }

    static ChallengeSolver solver(CertificateSpec spec, CaSession session, RunContext run)
            throws AcmeFailure, IOException {
        var challenge = spec.challenge();
        if (challenge instanceof ChallengeSpec.Dns01 dns) {
            return dns(dns, new DnsProviders(session.network().network(), run.secrets(), run.environment())
                    .open(dns), run.progress());
        }
        return new Http01Solver(responder(challenge, spec.firstName(), run), selfCheck(challenge)
                ? Optional.of(SelfCheck.likeTheCa()) : Optional.empty());
    }

    /**
     * The DNS-01 solver of {@code dns} through {@code provider}: its zone, resolvers and the wait
     * for every authoritative server (also for {@code exacme dns test}).
     */
    public static Dns01Solver dns(ChallengeSpec.Dns01 dns, dev.exacme.acme.dns.DnsProvider provider,
                                  dev.exacme.acme.progress.ProgressListener progress) throws AcmeFailure {
        var addresses = new ArrayList<InetSocketAddress>();
        for (var resolver : dns.resolvers()) {
            addresses.add(HostPort.parse(resolver, "--dns-resolver"));
        }
        var resolution = new DnsResolution(addresses, Duration.ofSeconds(5));
        var propagation = new Propagation(resolution, new PollingPolicy(Duration.ofMillis(100), 2.0,
                Duration.ofSeconds(5), dns.propagationTimeout()), Clock.systemUTC(), Poller.Sleeper.REAL, progress);
        return new Dns01Solver(provider, resolution, propagation, Optional.ofNullable(dns.zone()), progress);
    }

    private static boolean selfCheck(ChallengeSpec challenge) {
        if (challenge instanceof ChallengeSpec.Http01Listener listener) {
            return listener.selfCheck();
        }
        if (challenge instanceof ChallengeSpec.Webroot webroot) {
            return webroot.selfCheck();
        }
        return ((ChallengeSpec.IisWebroot) challenge).selfCheck();
    }

    private static Http01Responder responder(ChallengeSpec challenge, String firstName, RunContext run)
            throws IOException, InvalidRequest {
        if (challenge instanceof ChallengeSpec.Http01Listener listener) {
            var addresses = listener.addresses();
            // On Windows, http.sys shares port 80 with IIS; explicit addresses need exacme's own listener.
            var windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            return windows && addresses.isEmpty() ? HttpSysListener.start(listener.port())
                    : Http01Listener.start(addresses, listener.port());
        }
        if (challenge instanceof ChallengeSpec.Webroot webroot) {
            return new Http01Webroot(Path.of(webroot.directory()));
        }
        var iis = (ChallengeSpec.IisWebroot) challenge;
        var configuration = IisConfiguration.read(iis.configuration() != null ? Path.of(iis.configuration())
                : IisConfiguration.machineConfiguration(run.environment()), run.environment());
        return new IisWebroot(configuration.site(iis.site() != null ? iis.site() : "iis", firstName));
    }
}
