package dev.exacme.acme.dns.route53;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.route53.Route53Settings.AccessKey;
import dev.exacme.acme.dns.route53.Route53Settings.InstanceRole;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.ResponseTooLarge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Amazon Route 53 (API 2013-04-01) with Signature Version 4: finds the public hosted zone
 * by name, merges the value into the TXT record set with an UPSERT (a DELETE when the last
 * value goes), and waits until the change is INSYNC on every Route 53 server.
 */
public final class Route53Provider implements DnsProvider {

    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String REGION = "us-east-1";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Route53Settings settings;
    private final OutboundNetwork network;
    private final HttpClient client;
    private final HttpClient metadataClient;
    private final Clock clock;
    private AwsCredentials credentials;

    /**
     * @param network the proxy configuration for the API; the instance metadata service is
     *                always reached directly, as it only exists on the instance
     */
    public Route53Provider(Route53Settings settings, OutboundNetwork network, Clock clock) {
        this.settings = settings;
        this.network = network;
        this.client = network.httpClient().build();
        this.metadataClient = OutboundNetwork.direct(network.trust()).httpClient().build();
        this.clock = clock;
    }

    @Override
    public String id() {
        return "route53";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        var zone = hostedZone(record);
        var values = values(zone, record);
        if (!values.contains(record.value())) {
            values.add(record.value());
        }
        awaitInSync(change(zone, record, "UPSERT", values));
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        var zone = hostedZone(record);
        var values = values(zone, record);
        if (!values.contains(record.value())) {
            return;
        }
        var remaining = new ArrayList<>(values);
        remaining.remove(record.value());
        // DELETE must name the record set exactly as it is; UPSERT writes what stays.
        change(zone, record, remaining.isEmpty() ? "DELETE" : "UPSERT", remaining.isEmpty() ? values : remaining);
    }

    private String hostedZone(ChallengeRecord record) throws IOException {
        var answer = call("finding the hosted zone " + record.zone(), "GET",
                "2013-04-01/hostedzonesbyname?dnsname=" + SigV4.encode(record.zone()) + "&maxitems=10", "");
        for (var zone : elements(answer.getDocumentElement(), "HostedZone")) {
            var isPrivate = elements(zone, "PrivateZone").stream().anyMatch(e -> e.getTextContent().equals("true"));
            if (text(zone, "Name").equalsIgnoreCase(record.zone()) && !isPrivate) {
                return text(zone, "Id").replace("/hostedzone/", "");
            }
        }
        throw new IOException("route53: no public hosted zone " + record.zone() + " in this AWS account; give the "
                + "zone with --dns-zone if exacme found the wrong one.");
    }

    private List<String> values(String zone, ChallengeRecord record) throws IOException {
        var answer = call("reading TXT " + record.fqdn(), "GET", "2013-04-01/hostedzone/" + zone + "/rrset?name="
                + SigV4.encode(record.name()) + "&type=TXT&maxitems=1", "");
        var values = new ArrayList<String>();
        for (var set : elements(answer.getDocumentElement(), "ResourceRecordSet")) {
            if (text(set, "Name").equalsIgnoreCase(record.name()) && text(set, "Type").equals("TXT")) {
                for (var value : elements(set, "Value")) {
                    values.add(unquote(value.getTextContent()));
                }
            }
        }
        return values;
    }

    private String change(String zone, ChallengeRecord record, String action, List<String> values)
            throws IOException {
        var records = new StringBuilder();
        for (var value : values) {
            records.append("<ResourceRecord><Value>\"").append(escape(value)).append("\"</Value></ResourceRecord>");
        }
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ChangeResourceRecordSetsRequest xmlns=\"" + NS + "\"><ChangeBatch><Comment>exacme DNS-01</Comment>"
                + "<Changes><Change><Action>" + action + "</Action><ResourceRecordSet><Name>" + escape(record.name())
                + "</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords>" + records
                + "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>"
                + "</ChangeResourceRecordSetsRequest>";
        var answer = call(action.toLowerCase(java.util.Locale.ROOT) + " of TXT " + record.fqdn(), "POST",
                "2013-04-01/hostedzone/" + zone + "/rrset", body);
        return text(answer.getDocumentElement(), "Id").replace("/change/", "");
    }

    private void awaitInSync(String change) throws IOException {
        var deadline = clock.instant().plus(settings.syncTimeout());
        while (true) {
            var answer = call("checking change " + change, "GET", "2013-04-01/change/" + change, "");
            if (text(answer.getDocumentElement(), "Status").equals("INSYNC")) {
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IOException("route53: change " + change + " is not INSYNC after "
                        + settings.syncTimeout().toSeconds() + " s.");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("route53: interrupted while waiting for change " + change, e);
            }
        }
    }

    private Document call(String what, String method, String path, String body) throws IOException {
        var base = settings.endpoint().toString();
        var uri = URI.create((base.endsWith("/") ? base : base + "/") + path);
        var builder = HttpRequest.newBuilder(uri).timeout(network.requestTimeout())
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            builder.header("Content-Type", "application/xml");
        }
        SigV4.sign(method, uri, body, credentials(), REGION, "route53", clock.instant()).forEach(builder::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("route53: interrupted while " + what, e);
        } catch (ResponseTooLarge e) {
            throw new IOException("route53: refused the answer while " + what + ": " + e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new IOException("route53: no answer from " + uri.getHost() + " while " + what + " (" + e.getMessage()
                    + ").", e);
        }
        var document = parse(response.body(), what);
        if (response.statusCode() / 100 != 2) {
            var code = document == null ? "" : text(document.getDocumentElement(), "Code");
            var message = document == null ? "" : text(document.getDocumentElement(), "Message").replaceAll("\\.$", "");
            throw new IOException("route53: " + what + " failed with HTTP " + response.statusCode()
                    + (code.isEmpty() ? "" : ": " + code + " - " + message)
                    + (code.equals("Throttling") ? ". Route 53 is rate limiting this account; try again shortly."
                        : response.statusCode() == 403 ? ". Check the AWS credentials and their IAM permissions "
                        + "(route53:ListHostedZonesByName, route53:ListResourceRecordSets, "
                        + "route53:ChangeResourceRecordSets, route53:GetChange)."
                        : "."));
        }
        if (document == null) {
            throw new IOException("route53: the answer to " + what + " is not XML.");
        }
        return document;
    }

    private AwsCredentials credentials() throws IOException {
        if (credentials == null) {
            credentials = settings.credentials() instanceof AccessKey key ? key.credentials()
                    : instanceRole((InstanceRole) settings.credentials());
        }
        return credentials;
    }

    private AwsCredentials instanceRole(InstanceRole role) throws IOException {
        var base = role.metadataUrl().toString();
        var root = base.endsWith("/") ? base : base + "/";
        try {
            var token = metadataClient.send(HttpRequest.newBuilder(URI.create(root + "latest/api/token"))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "300")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IOException("the metadata service refused a token (HTTP " + token.statusCode() + ")");
            }
            var path = root + "latest/meta-data/iam/security-credentials/";
            var roleName = metadataClient.send(HttpRequest.newBuilder(URI.create(path))
                    .header("X-aws-ec2-metadata-token", token.body()).build(), HttpResponse.BodyHandlers.ofString())
                    .body().lines().findFirst().orElseThrow(() -> new IOException("this instance has no IAM role"));
            var json = metadataClient.send(HttpRequest.newBuilder(URI.create(path + roleName))
                    .header("X-aws-ec2-metadata-token", token.body()).build(), HttpResponse.BodyHandlers.ofString());
            var node = new ObjectMapper().readTree(json.body());
            return new AwsCredentials(node.path("AccessKeyId").asText(), node.path("SecretAccessKey").asText(),
                    Optional.of(node.path("Token").asText()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("route53: interrupted while reading the instance role", e);
        } catch (IOException e) {
            throw new IOException("route53: cannot get the instance role's credentials from the metadata service ("
                    + e.getMessage() + "); is exacme running on EC2 with an IAM role?", e);
        }
    }

    private static Document parse(byte[] body, String what) throws IOException {
        if (body.length == 0) {
            return null;
        }
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            return null;
        }
    }

    private static List<Element> elements(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS("*", name);
        var result = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    private static String text(Element parent, String name) {
        var found = elements(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static String unquote(String value) {
        var trimmed = value.trim();
        if (trimmed.startsWith("\"") && trimmed.endsWith("\"") && trimmed.length() >= 2) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed.replace("\"\"", "").replace("\" \"", "");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
