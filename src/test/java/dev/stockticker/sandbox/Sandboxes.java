package dev.stockticker.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sandbox servers for a test class, closed after each test, and the HTTP calls the tests make.
 * Register with {@code @RegisterExtension}.
 */
final class Sandboxes implements AfterEachCallback {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<SandboxServer> servers = new ArrayList<>();

    @Override
    public void afterEach(ExtensionContext context) {
        servers.forEach(SandboxServer::close);
        servers.clear();
    }

    SandboxServer start(SandboxServer.Builder b) {
        SandboxServer s = b.build().start();
        servers.add(s);
        return s;
    }

    static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (bearer != null) r.header("Authorization", "Bearer " + bearer);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 200 with Polygon's status and a request id, parsed. */
    static JsonNode ok(String url, String bearer) throws Exception {
        HttpResponse<String> r = get(url, bearer);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("OK", body.get("status").asText());
        assertTrue(body.get("request_id").asText().matches("[0-9a-f]{32}"));
        return body;
    }

    /** A 400 in Polygon's error shape; returns its message. */
    static String badRequest(String url, String bearer) throws Exception {
        HttpResponse<String> r = get(url, bearer);
        assertEquals(400, r.statusCode(), url + " -> " + r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ERROR", body.get("status").asText());
        assertTrue(body.has("request_id"), r.body());
        return body.get("error").asText();
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static JsonNode without(JsonNode node, String... fields) {
        ObjectNode copy = node.deepCopy();
        for (String f : fields) copy.remove(f);
        return copy;
    }

    /** Every result of a listing, following next_url with the key re-attached as clients do. */
    static List<JsonNode> allPages(String url, String key, List<String> nextUrls) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String next = url;
        while (next != null) {
            JsonNode page = ok(next + (next.contains("?") ? "&" : "?") + "apiKey=" + key, null);
            page.get("results").forEach(out::add);
            next = page.has("next_url") ? page.get("next_url").asText() : null;
            if (next != null) nextUrls.add(next);
        }
        return out;
    }
}
