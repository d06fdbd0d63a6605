package dev.exacme.acme.dns;

import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.polling.Poller.Sleeper;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.progress.ProgressListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until every authoritative server of each zone serves every published value, so
 * that the CA, which may ask any of them, finds the record on the first try. Asks the
 * servers themselves, never a cache, and says which ones are still missing what.
 */
public final class Propagation {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final DnsResolution dns;
    private final PollingPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProgressListener progress;

    /** @param policy how often to ask, and {@code timeout} for giving up */
    public Propagation(DnsResolution dns, PollingPolicy policy, Clock clock, Sleeper sleeper, ProgressListener progress) {
        this.dns = dns;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /** Returns once every server has every record. */
    public void await(List<ChallengeRecord> records) throws NetworkFailure {
        var servers = new LinkedHashMap<String, List<InetSocketAddress>>();
        for (var record : records) {
            if (!servers.containsKey(record.zone())) {
                servers.put(record.zone(), dns.authoritativeServers(record.zone()));
            }
        }
        progress.on(new ProgressEvent.WaitingForPropagation(records.size(),
                servers.values().stream().mapToInt(List::size).sum()));
        var start = clock.instant();
        var deadline = start.plus(policy.timeout());
        var lastReport = start;
        for (int attempt = 0; ; attempt++) {
            var missing = missing(records, servers);
            if (missing.isEmpty()) {
                return;
            }
            var now = clock.instant();
            if (now.isAfter(deadline)) {
                throw new NetworkFailure("DNS propagation: after " + Duration.between(start, now).toSeconds()
                        + " s these authoritative servers still do not serve the challenge records: "
                        + String.join("; ", missing) + ". Check the provider, or wait longer with "
                        + "--dns-propagation-timeout.");
            }
            if (Duration.between(lastReport, now).compareTo(PROGRESS_EVERY) >= 0) {
                progress.on(new ProgressEvent.StillWaiting("DNS propagation (" + missing.size() + " missing: "
                        + missing.get(0) + (missing.size() > 1 ? ", ..." : "") + ")", Duration.between(start, now)));
                lastReport = now;
            }
            try {
                sleeper.sleep(policy.delayBefore(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkFailure("Interrupted while waiting for DNS propagation", e);
            }
        }
    }

    private List<String> missing(List<ChallengeRecord> records, Map<String, List<InetSocketAddress>> servers) {
        var missing = new ArrayList<String>();
        for (var record : records) {
            for (var server : servers.get(record.zone())) {
                var where = DnsResolution.describe(List.of(server));
                try {
                    if (!dns.txtAt(server, record.name()).contains(record.value())) {
                        missing.add(record.name() + " at " + where);
                    }
                } catch (IOException e) {
                    missing.add(record.name() + " at " + where + " (no answer: " + e.getMessage() + ")");
                }
            }
        }
        return missing;
    }
}
