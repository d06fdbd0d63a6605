package dev.exacme.acme.dns;

import dev.exacme.acme.challenge.ChallengeSolver;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.DomainName;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.progress.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;

/**
 * DNS-01 through a {@link DnsProvider}: for each authorization, follows
 * {@code _acme-challenge.<name>} through CNAMEs (acme-dns style delegation), finds the zone
 * (or takes the one given), publishes the TXT value, waits until every authoritative server
 * serves all of them, and removes them all when validation is over, also after a failure.
 */
public final class Dns01Solver implements ChallengeSolver {

    private final DnsProvider provider;
    private final DnsResolution dns;
    private final Propagation propagation;
    private final Optional<String> zone;
    private final ProgressListener progress;
    private final List<ChallengeRecord> published = new ArrayList<>();

    /**
     * @param zone the zone to write into instead of finding it, absolute or not
     */
    public Dns01Solver(DnsProvider provider, DnsResolution dns, Propagation propagation, Optional<String> zone,
                       ProgressListener progress) {
        this.provider = provider;
        this.dns = dns;
        this.propagation = propagation;
        this.zone = zone.map(z -> z.endsWith(".") ? z : z + ".");
        this.progress = progress;
    }

    @Override
    public String type() {
        return Dns01Challenge.TYPE;
    }

    @Override
    public void check(List<DomainName> names) {
        // DNS-01 validates every kind of name, wildcards included.
    }

    @Override
    public Challenge prepare(Authorization authorization) throws AcmeFailure, IOException {
        var identifier = authorization.getIdentifier();
        Dns01Challenge challenge = authorization.findChallenge(Dns01Challenge.class).orElseThrow(() ->
                new InvalidRequest("The CA offers no dns-01 challenge for " + identifier.getDomain() + " (it offers "
                        + authorization.getChallenges().stream().map(Challenge::getType)
                            .collect(Collectors.joining(", ")) + ")."));
        publish(challenge.getRRName(identifier), challenge.getDigest());
        return challenge;
    }

    /**
     * Publishes {@code value} at {@code challengeName} (CNAMEs followed), to be waited for by
     * {@link #awaitVisible()} and removed by {@link #close()}. Also what {@code exacme dns
     * test} uses, without an order.
     */
    public ChallengeRecord publish(String challengeName, String value) throws AcmeFailure, IOException {
        var record = record(challengeName, value);
        progress.on(new ProgressEvent.PublishingRecord(record.name(), provider.id()));
        provider.present(record);
        published.add(record);
        return record;
    }

    /** Where the TXT value for {@code challengeName} goes: CNAMEs followed, zone found. */
    ChallengeRecord record(String challengeName, String value) throws AcmeFailure {
        var target = dns.followCnames(challengeName);
        var holder = zone.orElse(null);
        if (holder == null) {
            holder = dns.zoneOf(target);
        } else if (!target.equalsIgnoreCase(holder)
                && !target.toLowerCase(Locale.ROOT).endsWith("." + holder.toLowerCase(Locale.ROOT))) {
            throw new InvalidRequest("--dns-zone " + holder + " does not contain " + target
                    + (target.equals(challengeName) ? "" : " (where " + challengeName + " points)") + ".");
        }
        return new ChallengeRecord(target, holder, value);
    }

    @Override
    public void awaitVisible() throws AcmeFailure {
        if (!published.isEmpty()) {
            propagation.await(List.copyOf(published));
        }
    }

    @Override
    public void done(Authorization authorization) {
        // Records stay until close(): a name and its wildcard share one TXT name.
    }

    @Override
    public String describe() {
        return "TXT records through the " + provider.id() + " provider";
    }

    @Override
    public void close() throws IOException {
        var failures = new ArrayList<String>();
        for (var record : published) {
            try {
                provider.cleanUp(record);
            } catch (IOException e) {
                failures.add(record.name() + " (" + e.getMessage() + ")");
            }
        }
        published.clear();
        if (!failures.isEmpty()) {
            throw new IOException("TXT records left behind: " + String.join("; ", failures));
        }
    }
}
