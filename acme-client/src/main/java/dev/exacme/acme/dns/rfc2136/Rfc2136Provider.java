package dev.exacme.acme.dns.rfc2136;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import java.io.IOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Update;

/**
 * RFC 2136 dynamic updates, signed with TSIG: BIND, Knot, PowerDNS, and Windows DNS Server
 * zones that allow them. Adds and deletes single TXT values, so other values of the same
 * name (a name and its wildcard in one order) stay.
 */
public final class Rfc2136Provider implements DnsProvider {

    private final Rfc2136Settings settings;

    public Rfc2136Provider(Rfc2136Settings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "rfc2136";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        var update = new Update(Name.fromString(record.zone()));
        update.add(txt(record));
        send(update, record, "add");
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        var update = new Update(Name.fromString(record.zone()));
        update.delete(txt(record));
        send(update, record, "delete");
    }

    private TXTRecord txt(ChallengeRecord record) throws IOException {
        return new TXTRecord(Name.fromString(record.name()), DClass.IN, settings.ttl().toSeconds(), record.value());
    }

    private void send(Update update, ChallengeRecord record, String what) throws IOException {
        var resolver = new SimpleResolver(settings.server());
        resolver.setTimeout(settings.timeout());
        resolver.setTCP(true);
        settings.tsig().ifPresent(key -> resolver.setTSIGKey(
                new TSIG(key.algorithmName(), key.name(), key.secret())));
        var where = settings.server().getAddress().getHostAddress() + ":" + settings.server().getPort();
        Message response;
        try {
            response = resolver.send(update);
        } catch (IOException e) {
            throw new IOException("rfc2136: no answer from " + where + " to the " + what + " of TXT " + record.name()
                    + " (" + e.getMessage() + "); check --rfc2136-server.", e);
        }
        var rcode = response.getRcode();
        if (rcode == Rcode.NOERROR) {
            return;
        }
        throw new IOException("rfc2136: " + where + " refused the " + what + " of TXT " + record.name() + " in zone "
                + record.zone() + ": " + Rcode.string(rcode) + explain(rcode, response));
    }

    private String explain(int rcode, Message response) {
        TSIGRecord tsig = response.getTSIG();
        if (rcode == Rcode.NOTAUTH) {
            var error = tsig == null ? "" : " (" + Rcode.TSIGstring(tsig.getError()) + ")";
            return error + ". The server does not accept the TSIG key"
                    + settings.tsig().map(key -> " '" + key.name() + "'").orElse("")
                    + ": check the key name, algorithm and secret, or that the server is primary for the zone.";
        }
        if (rcode == Rcode.REFUSED) {
            return ". The server does not let this key update the zone: allow it (BIND update-policy or allow-update; "
                    + "Windows DNS: dynamic updates on the zone).";
        }
        if (rcode == Rcode.NOTZONE) {
            return ". The record is not inside that zone; give the zone with --dns-zone.";
        }
        return ".";
    }
}
