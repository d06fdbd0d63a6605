package dev.exacme.acme.dns.route53;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.route53.Route53Settings.AccessKey;
import dev.exacme.acme.dns.route53.Route53Settings.InstanceRole;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Route 53 provider against WireMock speaking the 2013-04-01 API as documented:
 * ListHostedZonesByName, ListResourceRecordSets, ChangeResourceRecordSets, GetChange, XML
 * error responses; and the EC2 metadata service (IMDSv2) for instance roles.
 */
class Route53ProviderTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String XMLNS = "xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"";
    private static final AwsCredentials KEY =
            new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Optional.empty());
    private static final ChallengeRecord RECORD =
            new ChallengeRecord("_acme-challenge.mail.contoso.com.", "contoso.com.", "value-two");

    private Route53Provider provider(Route53Settings.CredentialsSource credentials) {
        return new Route53Provider(new Route53Settings(credentials, URI.create(AWS.baseUrl()), Duration.ofSeconds(20)),
                OutboundNetwork.direct(TrustedCertificates.systemDefault()), Clock.systemUTC());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    @BeforeEach
    void aZoneWithOneValue() {
        AWS.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzonesbyname")).willReturn(xml(200, """
                <?xml version="1.0"?><ListHostedZonesByNameResponse %s><HostedZones>
                <HostedZone><Id>/hostedzone/ZPRIVATE</Id><Name>contoso.com.</Name><Config><PrivateZone>true</PrivateZone></Config></HostedZone>
                <HostedZone><Id>/hostedzone/Z1D633PJN98FT9</Id><Name>contoso.com.</Name><Config><PrivateZone>false</PrivateZone></Config></HostedZone>
                </HostedZones><IsTruncated>false</IsTruncated><MaxItems>10</MaxItems></ListHostedZonesByNameResponse>"""
                .formatted(XMLNS))));
        AWS.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset")).willReturn(xml(200, """
                <?xml version="1.0"?><ListResourceRecordSetsResponse %s><ResourceRecordSets><ResourceRecordSet>
                <Name>_acme-challenge.mail.contoso.com.</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords>
                <ResourceRecord><Value>"value-one"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>
                </ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>1</MaxItems></ListResourceRecordSetsResponse>"""
                .formatted(XMLNS))));
        AWS.stubFor(post(urlEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset")).willReturn(xml(200, """
                <?xml version="1.0"?><ChangeResourceRecordSetsResponse %s><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id>
                <Status>PENDING</Status><SubmittedAt>2026-11-24T10:00:00.000Z</SubmittedAt></ChangeInfo>
                </ChangeResourceRecordSetsResponse>""".formatted(XMLNS))));
        AWS.stubFor(get(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4")).inScenario("sync")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("insync").willReturn(xml(200,
                "<GetChangeResponse %s><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>PENDING</Status></ChangeInfo></GetChangeResponse>"
                        .formatted(XMLNS))));
        AWS.stubFor(get(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4")).inScenario("sync")
                .whenScenarioStateIs("insync").willReturn(xml(200,
                "<GetChangeResponse %s><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>INSYNC</Status></ChangeInfo></GetChangeResponse>"
                        .formatted(XMLNS))));
    }

    @Test
    void upsertsBothValuesSignedAndWaitsForInSync() throws IOException {
        provider(new AccessKey(KEY)).present(RECORD);
        AWS.verify(getRequestedFor(urlPathEqualTo("/2013-04-01/hostedzonesbyname"))
                .withQueryParam("dnsname", equalTo("contoso.com.")));
        AWS.verify(postRequestedFor(urlEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\\d{8}/"
                        + "us-east-1/route53/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}"))
                .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z"))
                .withRequestBody(containing("<Action>UPSERT</Action>"))
                .withRequestBody(containing("<Name>_acme-challenge.mail.contoso.com.</Name><Type>TXT</Type><TTL>60</TTL>"))
                .withRequestBody(containing("<ResourceRecord><Value>\"value-one\"</Value></ResourceRecord>"
                        + "<ResourceRecord><Value>\"value-two\"</Value></ResourceRecord>")));
        AWS.verify(2, getRequestedFor(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4")));
    }

    @Test
    void removingTheLastValueDeletesTheExactSet() throws IOException {
        provider(new AccessKey(KEY)).cleanUp(new ChallengeRecord(RECORD.name(), RECORD.zone(), "value-one"));
        AWS.verify(postRequestedFor(urlEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset"))
                .withRequestBody(containing("<Action>DELETE</Action>"))
                .withRequestBody(containing("<ResourceRecord><Value>\"value-one\"</Value></ResourceRecord>")));
    }

    @Test
    void badCredentialsAreExplainedWithoutShowingThem() {
        AWS.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzonesbyname")).atPriority(1).willReturn(xml(403, """
                <?xml version="1.0"?><ErrorResponse %s><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
                <Message>The security token included in the request is invalid.</Message></Error>
                <RequestId>8a8e3cae-7bf8-4c3d-8b52-2e0a1f5b2b2f</RequestId></ErrorResponse>""".formatted(XMLNS))));
        var failure = assertThrows(IOException.class, () -> provider(new AccessKey(KEY)).present(RECORD));
        assertTrue(failure.getMessage().contains("HTTP 403: InvalidClientTokenId - The security token included in the "
                + "request is invalid. Check"), failure.getMessage());
        assertTrue(failure.getMessage().contains("route53:ChangeResourceRecordSets"), failure.getMessage());
        assertFalse(failure.getMessage().contains(KEY.secretAccessKey()));
    }

    @Test
    void aZoneThatIsOnlyPrivateIsNotUsed() {
        AWS.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzonesbyname")).atPriority(1).willReturn(xml(200, """
                <ListHostedZonesByNameResponse %s><HostedZones><HostedZone><Id>/hostedzone/ZPRIVATE</Id>
                <Name>contoso.com.</Name><Config><PrivateZone>true</PrivateZone></Config></HostedZone></HostedZones>
                </ListHostedZonesByNameResponse>""".formatted(XMLNS))));
        var failure = assertThrows(IOException.class, () -> provider(new AccessKey(KEY)).present(RECORD));
        assertTrue(failure.getMessage().contains("no public hosted zone contoso.com."), failure.getMessage());
    }

    @Test
    void throttlingIsNamed() {
        AWS.stubFor(post(urlEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset")).atPriority(1).willReturn(xml(400,
                "<ErrorResponse %s><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
                        .formatted(XMLNS) + "</Error></ErrorResponse>")));
        var failure = assertThrows(IOException.class, () -> provider(new AccessKey(KEY)).present(RECORD));
        assertTrue(failure.getMessage().contains("rate limiting"), failure.getMessage());
    }

    @Test
    void anInstanceRoleSignsWithItsSessionToken() throws IOException {
        AWS.stubFor(put(urlEqualTo("/latest/api/token")).withHeader("X-aws-ec2-metadata-token-ttl-seconds",
                equalTo("300")).willReturn(aResponse().withStatus(200).withBody("imds-token")));
        AWS.stubFor(get(urlEqualTo("/latest/meta-data/iam/security-credentials/"))
                .withHeader("X-aws-ec2-metadata-token", equalTo("imds-token"))
                .willReturn(aResponse().withStatus(200).withBody("exacme-dns-role")));
        AWS.stubFor(get(urlEqualTo("/latest/meta-data/iam/security-credentials/exacme-dns-role"))
                .withHeader("X-aws-ec2-metadata-token", equalTo("imds-token")).willReturn(aResponse().withStatus(200)
                .withBody("""
                {"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAROLEKEY","SecretAccessKey":"role-secret",
                 "Token":"session-token-xyz","Expiration":"2026-11-24T16:00:00Z"}""")));
        provider(new InstanceRole(URI.create(AWS.baseUrl()))).present(RECORD);
        AWS.verify(postRequestedFor(urlEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset"))
                .withHeader("X-Amz-Security-Token", equalTo("session-token-xyz"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=ASIAROLEKEY/.*"
                        + "SignedHeaders=host;x-amz-date;x-amz-security-token, .*")));
    }
}
