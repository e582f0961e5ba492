package dev.stockticker.sandbox;

/** A client mistake in the request; {@link Api} answers it with a 400. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
