package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

/** How every endpoint answers: a JSON object streamed to the socket, in Polygon's error shapes too. */
final class Http {
    private static final JsonFactory JSON = new JsonFactory();

    private Http() {}

    /** The members of the response object, written between its braces. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** One request as a handler sees it: the exchange, its path's match and its decoded query. */
    record Call(HttpExchange exchange, Matcher path, Map<String, String> query) {
        String rawPath() {
            return exchange.getRequestURI().getRawPath();
        }
    }

    /** An endpoint. */
    @FunctionalInterface
    interface Handler {
        void serve(Call call) throws IOException, BadRequest;
    }

    static Body error(String status, String messageField, String message) {
        return g -> {
            g.writeStringField("status", status);
            g.writeStringField("request_id", requestId());
            g.writeStringField(messageField, message);
        };
    }

    /** Streams the object straight to the socket (chunked), so 50k-bar pages need no buffer. */
    static void send(HttpExchange ex, int status, Body body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, 0);
        try (JsonGenerator g = JSON.createGenerator(new BufferedOutputStream(ex.getResponseBody(), 1 << 16))) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        }
    }

    static void sendQuietly(HttpExchange ex, int status, Body body) {
        try {
            send(ex, status, body);
        } catch (IOException ignored) {
            // The client went away; nothing left to tell it.
        }
    }

    /** Whole numbers without a fraction, as Polygon writes share counts ({@code "split_to":2}). */
    static void writeNumber(JsonGenerator g, String name, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) g.writeNumberField(name, (long) value);
        else g.writeNumberField(name, value);
    }

    static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }
}
