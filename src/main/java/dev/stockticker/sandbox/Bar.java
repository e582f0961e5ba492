package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One daily bar exactly as the sandbox serves it. {@code t} is the per-ticker endpoint's timestamp
 * (the start of {@code date} in the ticker's market: New York, or UTC for crypto and forex); the
 * grouped endpoint, US stocks only, uses {@link #groupedT()}. {@code v}, {@code vw} and {@code n}
 * are null for tickers whose bars omit them (see {@link Market}).
 */
public record Bar(String ticker, LocalDate date, long t,
                  double o, double h, double l, double c,
                  Double v, Double vw, Long n) {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Epoch millis of midnight New York time: Polygon's {@code t} for daily per-ticker bars. */
    public static long midnightMillis(LocalDate date) {
        return date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
    }

    /** The grouped-daily endpoint stamps bars at the 16:00 New York close instead. */
    public long groupedT() {
        return date.atTime(LocalTime.of(16, 0)).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    /** Polygon's field order; the grouped variant names the ticker "T" and stamps the 16:00 close. */
    void writeTo(JsonGenerator g, boolean grouped) throws IOException {
        g.writeStartObject();
        if (grouped) g.writeStringField("T", ticker);
        if (v != null) g.writeNumberField("v", v);
        if (vw != null) g.writeNumberField("vw", vw);
        g.writeNumberField("o", o);
        g.writeNumberField("c", c);
        g.writeNumberField("h", h);
        g.writeNumberField("l", l);
        g.writeNumberField("t", grouped ? groupedT() : t);
        if (n != null) g.writeNumberField("n", n);
        g.writeEndObject();
    }
}
