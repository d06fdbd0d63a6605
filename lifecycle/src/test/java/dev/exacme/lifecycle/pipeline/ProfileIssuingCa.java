package dev.exacme.lifecycle.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.exchange.connectors.ProfileCertificates;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Turns the fake CA's certificate answer into a certificate for the key of the CSR sent at
 * finalization, shaped as the profile the new order asked for ({@code tlsserver} and
 * {@code shortlived}: no subject common name): what a CA with profiles issues, which Pebble 2.4
 * cannot. It also remembers which profile each order asked for.
 */
final class ProfileIssuingCa implements ResponseTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The profile of each new order, "" for none, in order. */
    final List<String> ordered = new ArrayList<>();
    private volatile PublicKey key;
    private volatile List<String> names = List.of();

    @Override
    public String getName() {
        return "profile-issuing-ca";
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        var path = request.getUrl();
        try {
            if (path.equals("/order")) {
                var payload = payload(request.getBodyAsString());
                ordered.add(payload.path("profile").asText(""));
                names = payload.path("identifiers").findValuesAsText("value");
            } else if (path.equals("/order/1/finalize")) {
                var csr = new PKCS10CertificationRequest(Base64.getUrlDecoder().decode(
                        payload(request.getBodyAsString()).path("csr").asText()));
                key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            } else if (path.equals("/cert/1")) {
                var profile = ordered.isEmpty() ? "" : ordered.get(ordered.size() - 1);
                var shape = switch (profile) {
                    case "tlsserver" -> ProfileCertificates.Shape.TLSSERVER;
                    case "shortlived" -> ProfileCertificates.Shape.SHORTLIVED;
                    default -> ProfileCertificates.Shape.CLASSIC;
                };
                return Response.Builder.like(response).but()
                        .body(PemFormat.certificates(ProfileCertificates.chain(key, names, shape))).build();
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException("the fake CA cannot read " + path, e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode payload(String jws) throws Exception {
        var payload = JSON.readTree(jws).path("payload").asText();
        return JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }
}
