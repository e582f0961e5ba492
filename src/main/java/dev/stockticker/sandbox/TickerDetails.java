package dev.stockticker.sandbox;

import java.time.LocalDate;

/**
 * What {@code /v3/reference/tickers/{ticker}} answers for a ticker. Null fields are left out of
 * the response, as Polygon leaves out what it does not know (crypto has no CIK, an active ticker
 * no {@code delisted_utc}). {@code address} and {@code branding} are there because Polygon sends
 * them, not because a client needs them.
 */
public record TickerDetails(String ticker, String name, String market, String locale, String type, boolean active,
                            String currencyName, String primaryExchange, String cik, String compositeFigi,
                            String shareClassFigi, LocalDate listDate, String delistedUtc, String sicCode,
                            String sicDescription, Double marketCap, Long shareClassSharesOutstanding,
                            Long weightedSharesOutstanding, Integer totalEmployees, String homepageUrl,
                            String description, Address address, Branding branding) {

    public record Address(String address1, String city, String state, String postalCode) {}

    public record Branding(String logoUrl, String iconUrl) {}
}
