package dev.stockticker.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Query strings and the parameter forms the endpoints share. */
final class Params {
    private Params() {}

    /** Decoded; the first of a repeated name wins. */
    static Map<String, String> parse(String raw) throws BadRequest {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("Malformed query string");
            }
        }
        return out;
    }

    /** The inverse of {@link #parse}, in name order so equal queries encode equally. */
    static String format(Map<String, String> query) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(query).forEach((k, v) -> out.add(encode(k) + "=" + encode(v)));
        return out.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static LocalDate date(String s, String name) throws BadRequest {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadRequest("Could not parse '" + name + "' as a YYYY-MM-DD date: " + s);
        }
    }

    static boolean bool(Map<String, String> q, String name, boolean dflt) throws BadRequest {
        String v = q.get(name);
        if (v == null) return dflt;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new BadRequest(name + " must be true or false");
    }

    static int integer(String v, String name) throws BadRequest {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be an integer");
        }
    }

    /** The aggregates' limit: default 5000; above 50000 Polygon silently caps rather than rejecting. */
    static int aggregatesLimit(String v) throws BadRequest {
        if (v == null) return 5000;
        int n = integer(v, "limit");
        if (n < 1) throw new BadRequest("limit must be at least 1");
        return Math.min(n, 50000);
    }

    static String sort(Map<String, String> q) throws BadRequest {
        String sort = q.getOrDefault("sort", "asc");
        if (!sort.equals("asc") && !sort.equals("desc")) throw new BadRequest("sort must be asc or desc");
        return sort;
    }
}
