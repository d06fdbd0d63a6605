package dev.exacme.acme.dns.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.ResponseTooLarge;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP+JSON plumbing DNS provider APIs share: requests through exacme's network
 * configuration (proxy, timeouts, trust), JSON bodies, and failures that name the provider,
 * the operation, the status and the API's own explanation, never the credentials.
 */
public final class JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final HttpClient client;
    private final OutboundNetwork network;
    private final Function<JsonNode, String> errorText;

    /**
     * @param provider  the provider's name, for messages
     * @param errorText extracts the API's explanation from an error body
     */
    public JsonApi(String provider, OutboundNetwork network, Function<JsonNode, String> errorText) {
        this.provider = provider;
        this.network = network;
        this.client = network.httpClient().build();
        this.errorText = errorText;
    }

    /** A JSON body. */
    public static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An {@code application/x-www-form-urlencoded} body; pair it with that Content-Type header. */
    public static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        var text = new StringBuilder();
        fields.forEach((name, value) -> text.append(text.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return HttpRequest.BodyPublishers.ofString(text.toString());
    }

    /** A new, empty JSON object for a request body. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * Sends a request and returns the parsed body of a 2xx answer ({@code MissingNode} when
     * empty); a 404 comes back as {@code null} when {@code notFoundIsEmpty}.
     *
     * @param what the operation, for messages ("creating TXT _acme-challenge.example.com")
     * @throws IOException naming provider, operation, status and the API's explanation
     */
    public JsonNode send(String what, String method, URI uri, Map<String, String> headers,
                         HttpRequest.BodyPublisher body, boolean notFoundIsEmpty) throws IOException {
        var builder = HttpRequest.newBuilder(uri).timeout(network.requestTimeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::setHeader);
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(provider + ": interrupted while " + what, e);
        } catch (ResponseTooLarge e) {
            throw new IOException(provider + ": refused the answer while " + what + ": " + e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new IOException(provider + ": no answer from " + uri.getHost() + " while " + what + " ("
                    + e.getMessage() + ")" + (network.proxies(uri) ? " through the proxy "
                    + network.proxy().orElseThrow().display() : "") + ".", e);
        }
        var status = response.statusCode();
        if (status == 404 && notFoundIsEmpty) {
            return null;
        }
        JsonNode node = MissingNode.getInstance();
        if (!response.body().isBlank()) {
            try {
                node = JSON.readTree(response.body());
            } catch (IOException e) {
                if (status / 100 == 2) {
                    throw new IOException(provider + ": the answer to " + what + " is not JSON (HTTP " + status + ").");
                }
            }
        }
        if (status / 100 != 2) {
            var explanation = node.isMissingNode() ? "" : errorText.apply(node);
            var retry = response.headers().firstValue("Retry-After").map(value -> "; try again after " + value
                    + " s").orElse("");
            throw new IOException(provider + ": " + what + " failed with HTTP " + status
                    + (explanation == null || explanation.isBlank() ? "" : ": " + explanation)
                    + retry + hint(status));
        }
        return node;
    }

    private String hint(int status) {
        return switch (status) {
            case 401, 403 -> ". Check the " + provider + " credentials and their permissions.";
            case 429 -> ". The API is rate limiting this client.";
            default -> ".";
        };
    }
}
