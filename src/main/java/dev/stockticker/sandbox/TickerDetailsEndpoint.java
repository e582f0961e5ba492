package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;

/** {@code GET /v3/reference/tickers/{ticker}}, with the optional point-in-time {@code date}. */
final class TickerDetailsEndpoint {
    private final ReferenceSource source;

    TickerDetailsEndpoint(ReferenceSource source) {
        this.source = source;
    }

    void serve(Http.Call call) throws IOException, BadRequest {
        String date = call.query().get("date");
        Optional<TickerDetails> found = source.details(call.path().group(1),
                date == null ? null : Params.date(date, "date"), source.now());
        if (found.isEmpty()) {
            // Not in Polygon's spec, but what it answers (polygon-io/issues#339).
            Http.send(call.exchange(), 404, Http.error("NOT_FOUND", "message", "Ticker not found."));
            return;
        }
        TickerDetails d = found.get();
        Http.send(call.exchange(), 200, g -> {
            g.writeStringField("request_id", Http.requestId());
            g.writeObjectFieldStart("results");
            text(g, "ticker", d.ticker());
            text(g, "name", d.name());
            text(g, "market", d.market());
            text(g, "locale", d.locale());
            text(g, "type", d.type());
            g.writeBooleanField("active", d.active());
            text(g, "currency_name", d.currencyName());
            text(g, "primary_exchange", d.primaryExchange());
            text(g, "cik", d.cik());
            text(g, "composite_figi", d.compositeFigi());
            text(g, "share_class_figi", d.shareClassFigi());
            text(g, "list_date", d.listDate() == null ? null : d.listDate().toString());
            text(g, "delisted_utc", d.delistedUtc());
            text(g, "sic_code", d.sicCode());
            text(g, "sic_description", d.sicDescription());
            if (d.marketCap() != null) Http.writeNumber(g, "market_cap", d.marketCap());
            if (d.shareClassSharesOutstanding() != null) {
                g.writeNumberField("share_class_shares_outstanding", d.shareClassSharesOutstanding());
            }
            if (d.weightedSharesOutstanding() != null) {
                g.writeNumberField("weighted_shares_outstanding", d.weightedSharesOutstanding());
            }
            if (d.totalEmployees() != null) g.writeNumberField("total_employees", d.totalEmployees());
            text(g, "homepage_url", d.homepageUrl());
            text(g, "description", d.description());
            if (d.address() != null) {
                g.writeObjectFieldStart("address");
                text(g, "address1", d.address().address1());
                text(g, "city", d.address().city());
                text(g, "state", d.address().state());
                text(g, "postal_code", d.address().postalCode());
                g.writeEndObject();
            }
            if (d.branding() != null) {
                g.writeObjectFieldStart("branding");
                text(g, "logo_url", d.branding().logoUrl());
                text(g, "icon_url", d.branding().iconUrl());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeStringField("status", "OK");
        });
    }

    /** Left out when null, as Polygon leaves out what it does not know. */
    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }
}
