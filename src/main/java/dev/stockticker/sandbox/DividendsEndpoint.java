package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** {@code GET /stocks/v1/dividends}. */
final class DividendsEndpoint {
    private final ReferenceSource source;
    private final Listing<Dividend> listing;

    DividendsEndpoint(ReferenceSource source, Links links, int pageSize) {
        this.source = source;
        // Polygon filters on ticker, ex-date, frequency and type only; the other dates just sort.
        this.listing = new Listing<>(links, pageSize, "ticker.asc",
                Comparator.comparing(Dividend::ticker).thenComparing(Dividend::exDividendDate, Comparator.reverseOrder())
                        .thenComparing(Dividend::id),
                List.of(new Listing.Field<>("ticker", Listing.Type.TEXT, Dividend::ticker),
                        new Listing.Field<>("ex_dividend_date", Listing.Type.DATE, Dividend::exDividendDate),
                        new Listing.Field<>("frequency", Listing.Type.NUMBER, Dividend::frequency),
                        new Listing.Field<>("distribution_type", Listing.Type.TEXT, Dividend::distributionType),
                        new Listing.Field<>("id", Listing.Type.TEXT, Dividend::id),
                        new Listing.Field<>("declaration_date", Listing.Type.DATE, Dividend::declarationDate, false),
                        new Listing.Field<>("record_date", Listing.Type.DATE, Dividend::recordDate, false),
                        new Listing.Field<>("pay_date", Listing.Type.DATE, Dividend::payDate, false),
                        new Listing.Field<>("cash_amount", Listing.Type.NUMBER, Dividend::cashAmount, false)));
    }

    void serve(Http.Call call) throws IOException, BadRequest {
        listing.serve(call, source.dividends(source.now()), (g, d) -> {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("ticker", d.ticker());
            g.writeNumberField("cash_amount", d.cashAmount());
            g.writeStringField("currency", d.currency());
            date(g, "declaration_date", d.declarationDate());
            date(g, "ex_dividend_date", d.exDividendDate());
            date(g, "record_date", d.recordDate());
            date(g, "pay_date", d.payDate());
            g.writeNumberField("frequency", d.frequency());
            g.writeStringField("distribution_type", d.distributionType());
            g.writeNumberField("historical_adjustment_factor", d.historicalAdjustmentFactor());
            g.writeNumberField("split_adjusted_cash_amount", d.splitAdjustedCashAmount());
            g.writeEndObject();
        });
    }

    private static void date(JsonGenerator g, String name, LocalDate date) throws IOException {
        if (date == null) g.writeNullField(name);
        else g.writeStringField(name, date.toString());
    }
}
