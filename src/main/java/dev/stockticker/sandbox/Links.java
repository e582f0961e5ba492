package dev.stockticker.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where next_url links point and how their cursors read. Cursors are opaque (base64url) as
 * Polygon's are, so clients cannot come to rely on their shape, unless a test asks for plain ones
 * to see where each page starts.
 */
final class Links {
    private final boolean plainCursors;
    private volatile String baseUrl;

    Links(boolean plainCursors) {
        this.plainCursors = plainCursors;
    }

    /** Known only once the socket is bound (or a proxy's); next_url links point here. */
    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    boolean plain() {
        return plainCursors;
    }

    String encode(String cursor) {
        if (plainCursors) return cursor;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    String decode(String cursor) throws BadRequest {
        if (plainCursors) return cursor;
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Invalid cursor");
        }
    }
}
