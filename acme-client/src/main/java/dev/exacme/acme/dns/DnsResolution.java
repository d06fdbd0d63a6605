package dev.exacme.acme.dns;

import dev.exacme.acme.failure.NetworkFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS questions DNS-01 needs, asked with dnsjava: where {@code _acme-challenge} really
 * points (CNAMEs followed), which zone holds a name (from the SOA in the answer), which
 * servers are authoritative for it, and what one of those servers itself answers for a TXT
 * name, bypassing every cache.
 */
public final class DnsResolution {

    private static final int MAX_CNAMES = 10;

    private final Resolver resolver;
    private final List<InetSocketAddress> resolvers;
    private final Duration timeout;

    /**
     * @param resolvers recursive resolvers to ask; empty for the system's
     * @param timeout   limit per query
     */
    public DnsResolution(List<InetSocketAddress> resolvers, Duration timeout) throws NetworkFailure {
        this.resolvers = resolvers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : List.copyOf(resolvers);
        if (this.resolvers.isEmpty()) {
            throw new NetworkFailure("This machine has no DNS resolver configured; give one with --dns-resolver.");
        }
        this.timeout = timeout;
        var simple = this.resolvers.stream().map(DnsResolution::simple).toList();
        var extended = new ExtendedResolver(simple.toArray(Resolver[]::new));
        extended.setTimeout(timeout);
        this.resolver = extended;
    }

    private static SimpleResolver simple(InetSocketAddress address) {
        var simple = new SimpleResolver(address);
        simple.setTCP(false);
        return simple;
    }

    /** The resolvers asked, for messages. */
    public List<InetSocketAddress> resolvers() {
        return resolvers;
    }

    /** Follows CNAMEs from {@code name} to the name that finally holds the records. */
    public String followCnames(String name) throws NetworkFailure {
        var current = absolute(name);
        var seen = new HashSet<Name>();
        while (seen.add(current)) {
            if (seen.size() > MAX_CNAMES) {
                throw new NetworkFailure("The CNAME chain from " + name + " is longer than " + MAX_CNAMES + " links.");
            }
            var from = current;
            var target = query(current, Type.CNAME).getSection(Section.ANSWER).stream()
                    .filter(CNAMERecord.class::isInstance).map(CNAMERecord.class::cast)
                    .filter(cname -> cname.getName().equals(from)).map(CNAMERecord::getTarget).findFirst();
            if (target.isEmpty()) {
                return current.toString();
            }
            current = target.get();
        }
        throw new NetworkFailure("The CNAME chain from " + name + " loops at " + current + ".");
    }

    /** The zone that holds {@code name}: the owner of the SOA record in the answer to its SOA query. */
    public String zoneOf(String name) throws NetworkFailure {
        var answer = query(absolute(name), Type.SOA);
        for (var section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (var record : answer.getSection(section)) {
                if (record instanceof SOARecord) {
                    return record.getName().toString();
                }
            }
        }
        throw new NetworkFailure("No DNS zone found for " + name + " (no SOA record in the answer of "
                + describe(resolvers) + "); give the zone with --dns-zone.");
    }

    /** The addresses of the zone's authoritative name servers, on port 53. */
    public List<InetSocketAddress> authoritativeServers(String zone) throws NetworkFailure {
        var servers = new LinkedHashSet<InetSocketAddress>();
        var nameServers = query(absolute(zone), Type.NS).getSection(Section.ANSWER).stream()
                .filter(NSRecord.class::isInstance).map(record -> ((NSRecord) record).getTarget()).toList();
        if (nameServers.isEmpty()) {
            throw new NetworkFailure("The zone " + zone + " lists no name servers (NS) at " + describe(resolvers) + ".");
        }
        for (var nameServer : nameServers) {
            for (var type : new int[] {Type.A, Type.AAAA}) {
                for (var record : query(nameServer, type).getSection(Section.ANSWER)) {
                    InetAddress address = record instanceof ARecord a ? a.getAddress()
                            : record instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                    if (address != null) {
                        servers.add(new InetSocketAddress(address, 53));
                    }
                }
            }
        }
        if (servers.isEmpty()) {
            throw new NetworkFailure("None of the name servers of " + zone + " (" + nameServers + ") has an address.");
        }
        return new ArrayList<>(servers);
    }

    /**
     * What {@code server} itself answers for the TXT record {@code name}, without recursion.
     *
     * @throws IOException if it does not answer
     */
    public Set<String> txtAt(InetSocketAddress server, String name) throws IOException {
        var direct = simple(server);
        direct.setTimeout(timeout);
        var query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        var answer = direct.send(query);
        var values = new HashSet<String>();
        for (var record : answer.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    private Message query(Name name, int type) throws NetworkFailure {
        try {
            var answer = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
            var rcode = answer.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                throw new NetworkFailure("The DNS query " + name + " " + Type.string(type) + " failed at "
                        + describe(resolvers) + ": " + Rcode.string(rcode) + ".");
            }
            return answer;
        } catch (IOException e) {
            throw new NetworkFailure("The DNS query " + name + " " + Type.string(type) + " got no answer from "
                    + describe(resolvers) + " (" + e.getMessage() + "); check --dns-resolver.", e);
        }
    }

    static Name absolute(String name) throws NetworkFailure {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new NetworkFailure("'" + name + "' is not a DNS name: " + e.getMessage());
        }
    }

    static String describe(List<InetSocketAddress> servers) {
        return servers.stream().map(server -> server.getAddress().getHostAddress() + ":" + server.getPort())
                .toList().toString();
    }
}
