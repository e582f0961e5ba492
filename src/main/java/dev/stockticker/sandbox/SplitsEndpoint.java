package dev.stockticker.sandbox;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

/** {@code GET /stocks/v1/splits}. */
final class SplitsEndpoint {
    private final ReferenceSource source;
    private final Listing<Split> listing;

    SplitsEndpoint(ReferenceSource source, Links links, int pageSize) {
        this.source = source;
        this.listing = new Listing<>(links, pageSize, "execution_date.desc",
                Comparator.comparing(Split::ticker).thenComparing(Split::executionDate).thenComparing(Split::id),
                List.of(new Listing.Field<>("ticker", Listing.Type.TEXT, Split::ticker),
                        new Listing.Field<>("execution_date", Listing.Type.DATE, Split::executionDate),
                        new Listing.Field<>("adjustment_type", Listing.Type.TEXT, Split::adjustmentType),
                        new Listing.Field<>("id", Listing.Type.TEXT, Split::id)));
    }

    void serve(Http.Call call) throws IOException, BadRequest {
        ZonedDateTime now = source.now();
        List<Split> listed = source.splits(now);
        // The factor multiplies over the listed splits only: those executed by today.
        Splits executed = new Splits(listed);
        listing.serve(call, listed, (g, s) -> {
            g.writeStartObject();
            g.writeStringField("id", s.id());
            g.writeStringField("ticker", s.ticker());
            g.writeStringField("execution_date", s.executionDate().toString());
            Http.writeNumber(g, "split_from", s.splitFrom());
            Http.writeNumber(g, "split_to", s.splitTo());
            g.writeStringField("adjustment_type", s.adjustmentType());
            g.writeNumberField("historical_adjustment_factor", executed.historicalFactor(s, null));
            g.writeEndObject();
        });
    }
}
