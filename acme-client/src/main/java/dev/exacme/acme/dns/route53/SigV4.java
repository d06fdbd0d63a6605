package dev.exacme.acme.dns.route53;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one request: the headers to add ({@code X-Amz-Date},
 * {@code X-Amz-Security-Token} for temporary credentials, {@code Authorization}).
 */
final class SigV4 {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /**
     * Signs a request.
     *
     * @param body the exact bytes of the body ({@code ""} for none)
     */
    static Map<String, String> sign(String method, URI uri, String body, AwsCredentials credentials, String region,
                                    String service, Instant now) {
        var amzDate = AMZ_DATE.format(now);
        var date = amzDate.substring(0, 8);
        var headers = new TreeMap<String, String>();
        headers.put("host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.put("x-amz-date", amzDate);
        credentials.sessionToken().ifPresent(token -> headers.put("x-amz-security-token", token));
        var canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
        var signedHeaders = String.join(";", headers.keySet());
        var canonicalRequest = method + "\n" + canonicalPath(uri) + "\n" + canonicalQuery(uri) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + hex(sha256(body));
        var scope = date + "/" + region + "/" + service + "/aws4_request";
        var stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        var key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        var signature = hex(hmac(key, stringToSign));

        var result = new LinkedHashMap<String, String>();
        result.put("X-Amz-Date", amzDate);
        credentials.sessionToken().ifPresent(token -> result.put("X-Amz-Security-Token", token));
        result.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return result;
    }

    private static String canonicalPath(URI uri) {
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        var segments = new ArrayList<String>();
        for (var segment : path.split("/", -1)) {
            segments.add(encode(URLDecoder.decode(segment, StandardCharsets.UTF_8)));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(URI uri) {
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return "";
        }
        var sorted = new TreeMap<String, String>();
        for (var pair : uri.getRawQuery().split("&")) {
            var parts = pair.split("=", 2);
            sorted.put(encode(URLDecoder.decode(parts[0], StandardCharsets.UTF_8)),
                    encode(URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8)));
        }
        var query = new StringBuilder();
        sorted.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(value));
        return query.toString();
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX, as AWS requires. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
