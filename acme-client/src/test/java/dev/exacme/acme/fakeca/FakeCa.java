package dev.exacme.acme.fakeca;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.keys.PemFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An ACME CA played by WireMock, for the CA behaviour Pebble cannot produce: rate limits
 * with Retry-After, server errors, malformed answers, profiles, Retry-After while polling.
 * It serves one order for one name ({@link #NAME}) through HTTP-01; each test replaces the
 * step it is about. acme4j signs its requests; WireMock does not check signatures, and
 * {@link #payloads(String)} decodes what was sent.
 */
public final class FakeCa {

    /** The one name the fake CA's order is for. */
    public static final String NAME = "a.example.com";
    /** The HTTP-01 token of that name's challenge. */
    public static final String TOKEN = "tok_fake_1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockExtension wireMock;
    private final AtomicInteger nonces = new AtomicInteger();
    private boolean renewalInfo;

    public FakeCa(WireMockExtension wireMock) {
        this.wireMock = wireMock;
    }

    /** The directory URL: plain http on loopback, which exacme accepts for test servers only. */
    public URI directoryUrl() {
        return URI.create(url("/dir"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + wireMock.getPort() + path;
    }

    /** Directory, nonce, account, and a whole successful order; {@code meta} may be null. */
    public FakeCa happyPath(ObjectNode meta) {
        directory(meta);
        wireMock.stubFor(head(urlEqualTo("/nonce")).willReturn(aResponse().withStatus(200)
                .withHeader("Replay-Nonce", nonce()).withHeader("Cache-Control", "no-store")));
        wireMock.stubFor(post(urlEqualTo("/acct")).willReturn(json(201, Map.of("status", "valid"))
                .withHeader("Location", url("/acct/1"))));
        wireMock.stubFor(post(urlEqualTo("/order")).willReturn(json(201, order("pending"))
                .withHeader("Location", url("/order/1"))));
        authorizationSequence(List.of(authorization("pending"), authorization("valid")), List.of());
        wireMock.stubFor(post(urlEqualTo("/chall/1")).willReturn(json(200, challenge("processing", null))));
        wireMock.stubFor(stage(post(urlEqualTo("/order/1")), "order", Scenario.STARTED)
                .willReturn(json(200, order("ready"))));
        wireMock.stubFor(stage(post(urlEqualTo("/order/1/finalize")), "order", Scenario.STARTED)
                .willReturn(json(200, order("processing"))).willSetStateTo("finalized"));
        wireMock.stubFor(stage(post(urlEqualTo("/order/1")), "order", "finalized")
                .willReturn(json(200, order("valid"))));
        wireMock.stubFor(post(urlEqualTo("/cert/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pem-certificate-chain")
                .withHeader("Replay-Nonce", nonce()).withBody(certificateChain())));
        return this;
    }

    /**
     * Offers ACME Renewal Information (RFC 9773): the directory names a {@code renewalInfo}
     * endpoint, which suggests this window for every certificate, with a Retry-After if given.
     */
    public void renewalInformation(java.time.Instant start, java.time.Instant end, Integer retryAfterSeconds,
                                   String explanation) {
        renewalInfo = true;
        directory(null);
        var body = JSON.createObjectNode();
        body.putObject("suggestedWindow").put("start", start.toString()).put("end", end.toString());
        if (explanation != null) {
            body.put("explanationURL", explanation);
        }
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body.toString());
        if (retryAfterSeconds != null) {
            response = response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/renewal-info/.*")).willReturn(response));
    }

    /** How many times the renewal information was asked for. */
    public int renewalInformationRequests() {
        return wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/renewal-info/.*"))).size();
    }

    /** The directory with the given meta object (profiles, terms, EAB). */
    public void directory(ObjectNode meta) {
        var directory = JSON.createObjectNode();
        directory.put("newNonce", url("/nonce"));
        directory.put("newAccount", url("/acct"));
        directory.put("newOrder", url("/order"));
        if (renewalInfo) {
            directory.put("renewalInfo", url("/renewal-info"));
        }
        if (meta != null) {
            directory.set("meta", meta);
        }
        wireMock.stubFor(get(urlEqualTo("/dir")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(directory.toString())));
    }

    /**
     * The authorization answers these bodies one after the other (the last one stays), with
     * the Retry-After seconds given for each poll, if any.
     */
    public void authorizationSequence(List<ObjectNode> bodies, List<Integer> retryAfterSeconds) {
        for (int i = 0; i < bodies.size(); i++) {
            var response = json(200, bodies.get(i));
            if (i < retryAfterSeconds.size() && retryAfterSeconds.get(i) != null) {
                response = response.withHeader("Retry-After", String.valueOf(retryAfterSeconds.get(i)));
            }
            var state = i == 0 ? Scenario.STARTED : "authz-" + i;
            var mapping = stage(post(urlEqualTo("/authz/1")), "authz", state).willReturn(response);
            if (i + 1 < bodies.size()) {
                mapping = mapping.willSetStateTo("authz-" + (i + 1));
            }
            wireMock.stubFor(mapping);
        }
    }

    /** Replaces a step's answer with an ACME problem document. */
    public void problem(String path, int status, String type, String detail, Map<String, String> headers) {
        var body = JSON.createObjectNode();
        body.put("type", "urn:ietf:params:acme:error:" + type);
        body.put("detail", detail);
        body.put("status", status);
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withHeader("Replay-Nonce", nonce()).withBody(body.toString());
        for (var header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        wireMock.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(response));
    }

    /** Replaces a step's answer with a bare status and body, as a broken proxy sends it. */
    public void plain(String method, String path, int status, String contentType, String body) {
        var mapping = method.equals("GET") ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        wireMock.stubFor(mapping.atPriority(1).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withHeader("Replay-Nonce", nonce()).withBody(body)));
    }

    /** An authorization body for {@link #NAME}; {@code error} adds a failed challenge. */
    public ObjectNode authorization(String status) {
        return authorization(status, null);
    }

    /** An authorization whose challenge ended with this problem detail. */
    public ObjectNode authorization(String status, String challengeError) {
        var body = JSON.createObjectNode();
        body.put("status", status);
        body.putObject("identifier").put("type", "dns").put("value", NAME);
        body.putArray("challenges").add(challenge(challengeError == null ? status : "invalid", challengeError));
        return body;
    }

    /** The challenge answers with this status and error from now on. */
    public void challengeAnswers(String status, String error) {
        wireMock.stubFor(post(urlEqualTo("/chall/1")).atPriority(1).willReturn(json(200, challenge(status, error))));
    }

    private ObjectNode challenge(String status, String error) {
        var challenge = JSON.createObjectNode();
        challenge.put("type", "http-01");
        challenge.put("url", url("/chall/1"));
        challenge.put("token", TOKEN);
        challenge.put("status", status);
        if (error != null) {
            challenge.putObject("error").put("type", "urn:ietf:params:acme:error:unauthorized").put("detail", error);
        }
        return challenge;
    }

    private ObjectNode order(String status) {
        var order = JSON.createObjectNode();
        order.put("status", status);
        order.putArray("identifiers").addObject().put("type", "dns").put("value", NAME);
        order.putArray("authorizations").add(url("/authz/1"));
        order.put("finalize", url("/order/1/finalize"));
        if (status.equals("valid")) {
            order.put("certificate", url("/cert/1"));
        }
        return order;
    }

    /** The decoded JWS payloads of every POST to {@code path}, in order. */
    public List<JsonNode> payloads(String path) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(path))).stream().map(request -> {
            try {
                var payload = JSON.readTree(request.getBodyAsString()).path("payload").asText();
                return payload.isEmpty() ? JSON.createObjectNode()
                        : JSON.readTree(Base64.getUrlDecoder().decode(payload));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** How many POSTs reached {@code path}. */
    public int posts(String path) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private static ScenarioMappingBuilder stage(MappingBuilder mapping, String scenario, String state) {
        return mapping.inScenario(scenario).whenScenarioStateIs(state);
    }

    private ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Replay-Nonce", nonce()).withBody(JSON.valueToTree(body).toString());
    }

    private String nonce() {
        return "nonce-" + nonces.incrementAndGet();
    }

    /**
     * The key pair of the certificate this CA always issues: a client that certifies this key
     * (e.g. {@code --reuse-key}) gets a certificate that matches its key.
     */
    public static final java.security.KeyPair CERTIFIED_KEY = KeyType.EC_P256.generate();

    private static String certificateChain() {
        try {
            var key = CERTIFIED_KEY;
            var name = new X500Name("CN=" + NAME);
            var now = System.currentTimeMillis();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                    new Date(now + 90L * 86_400_000L), name, key.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, NAME)));
            // ARI identifies a certificate by its authority key identifier and serial (RFC 9773).
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils().createAuthorityKeyIdentifier(key.getPublic()));
            var certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
            return PemFormat.certificates(List.of(certificate));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the fake certificate", e);
        }
    }
}
