package dev.exacme.exchange.verify;

import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that every endpoint presents the expected certificate, several endpoints at a
 * time on a small pool of daemon threads that lives only for one verification.
 */
public final class WireVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(WireVerifier.class);

    private final WireProbe probe;
    private final int parallelism;

    /**
     * @param probe       reads what each endpoint presents
     * @param parallelism how many endpoints to check at the same time, at least 1
     */
    public WireVerifier(WireProbe probe, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.probe = probe;
        this.parallelism = parallelism;
    }

    /** Checks {@code endpoints} against {@code expected}; outcomes come back in the order given. */
    public Verification verify(List<Endpoint> endpoints, Thumbprint expected) {
        if (endpoints.isEmpty()) {
            return new Verification(expected, List.of());
        }
        var pool = pool(Math.min(parallelism, endpoints.size()));
        try {
            var pending = new ArrayList<CompletableFuture<Outcome>>();
            for (var endpoint : endpoints) {
                pending.add(CompletableFuture.supplyAsync(() -> check(endpoint, expected), pool));
            }
            var outcomes = pending.stream().map(CompletableFuture::join).toList();
            var verification = new Verification(expected, outcomes);
            if (verification.allPassed()) {
                LOG.info("All {} endpoints present {}", outcomes.size(), expected);
            } else {
                verification.failures().forEach(failure -> LOG.warn("{}", failure.describe(expected)));
            }
            return verification;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome check(Endpoint endpoint, Thumbprint expected) {
        try {
            return Outcome.judge(probe.present(endpoint), expected);
        } catch (RuntimeException e) {
            // The probe reports network problems itself; anything else is a bug, but one endpoint's
            // bug must not hide the others' results.
            LOG.error("Checking {} failed unexpectedly", endpoint, e);
            return Outcome.judge(Presented.failure(endpoint, "the check failed unexpectedly: " + e), expected);
        }
    }

    private static ExecutorService pool(int threads) {
        var number = new AtomicInteger();
        ThreadFactory factory = task -> {
            var thread = new Thread(task, "exacme-wire-check-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }
}
