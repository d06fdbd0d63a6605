package dev.exacme.acme.dns.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against the published AWS Signature Version 4 test suite vectors. */
class SigV4Test {

    private static final AwsCredentials EXAMPLE =
            new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.empty());

    @Test
    void getVanilla() {
        var headers = SigV4.sign("GET", URI.create("https://example.amazonaws.com/"), "", EXAMPLE, "us-east-1",
                "service", Instant.parse("2015-08-30T12:36:00Z"));
        assertEquals("20150830T123600Z", headers.get("X-Amz-Date"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                headers.get("Authorization"));
    }

    @Test
    void getVanillaQuery() {
        var headers = SigV4.sign("GET", URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"), "",
                EXAMPLE, "us-east-1", "service", Instant.parse("2015-08-30T12:36:00Z"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
                headers.get("Authorization"));
    }
}
