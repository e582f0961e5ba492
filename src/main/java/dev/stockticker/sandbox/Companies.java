package dev.stockticker.sandbox;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic {@link Market}'s ticker details: plausible, partly real-looking facts for the
 * built-in tickers, and facts derived from the ticker's seed for the generated S0001... Nothing
 * here is a quote of Polygon's data.
 */
final class Companies {
    /** SIC codes to their SEC descriptions, for the codes used below. */
    private static final Map<String, String> SIC = Map.ofEntries(
            Map.entry("3571", "ELECTRONIC COMPUTERS"), Map.entry("7372", "SERVICES-PREPACKAGED SOFTWARE"),
            Map.entry("3711", "MOTOR VEHICLES & PASSENGER CAR BODIES"),
            Map.entry("7370", "SERVICES-COMPUTER PROGRAMMING, DATA PROCESSING, ETC."),
            Map.entry("5961", "RETAIL-CATALOG & MAIL-ORDER HOUSES"),
            Map.entry("3674", "SEMICONDUCTORS & RELATED DEVICES"),
            Map.entry("6331", "FIRE, MARINE & CASUALTY INSURANCE"), Map.entry("6021", "NATIONAL COMMERCIAL BANKS"),
            Map.entry("7389", "SERVICES-BUSINESS SERVICES, NEC"), Map.entry("2834", "PHARMACEUTICAL PREPARATIONS"),
            Map.entry("5331", "RETAIL-VARIETY STORES"),
            Map.entry("2840", "SOAP, DETERGENTS, CLEANG PREPARATIONS, PERFUMES, COSMETICS"),
            Map.entry("2911", "PETROLEUM REFINING"), Map.entry("6324", "HOSPITAL & MEDICAL SERVICE PLANS"),
            Map.entry("5211", "RETAIL-LUMBER & OTHER BUILDING MATERIALS DEALERS"), Map.entry("2080", "BEVERAGES"),
            Map.entry("4841", "CABLE & OTHER PAY TELEVISION SERVICES"),
            Map.entry("7841", "SERVICES-VIDEO TAPE RENTAL"), Map.entry("3576", "COMPUTER COMMUNICATIONS EQUIPMENT"),
            Map.entry("6798", "REAL ESTATE INVESTMENT TRUSTS"), Map.entry("7374", "SERVICES-COMPUTER PROCESSING & DATA PREPARATION"));

    // ticker | name | type | exchange | CIK | list date | SIC | employees | class shares (M) | weighted (M) | site | city, state
    private static final String[] STOCKS = {
        "AAPL|Apple Inc.|CS|XNAS|320193|1980-12-12|3571|164000|15200|15200|apple.com|Cupertino, CA",
        "MSFT|Microsoft Corp|CS|XNAS|789019|1986-03-13|7372|228000|7430|7430|microsoft.com|Redmond, WA",
        "TSLA|Tesla, Inc. Common Stock|CS|XNAS|1318605|1999-06-29|3711|140473|3190|3190|tesla.com|Austin, TX",
        "GOOGL|Alphabet Inc. Class A Common Stock|CS|XNAS|1652044|1999-08-19|7370|183323|5830|12200|abc.xyz|Mountain View, CA",
        "AMZN|Amazon.com, Inc.|CS|XNAS|1018724|1997-05-15|5961|1551000|10500|10500|amazon.com|Seattle, WA",
        "NVDA|Nvidia Corp|CS|XNAS|1045810|1999-01-22|3674|36000|24400|24400|nvidia.com|Santa Clara, CA",
        "META|Meta Platforms, Inc. Class A Common Stock|CS|XNAS|1326801|1999-05-18|7370|74067|2190|2520|meta.com|Menlo Park, CA",
        "BRK.B|Berkshire Hathaway Inc. Class B|CS|XNYS|1067983|1996-05-09|6331|392400|1310|2160|berkshirehathaway.com|Omaha, NE",
        "JPM|JPMorgan Chase & Co.|CS|XNYS|19617|1969-03-05|6021|317233|2780|2780|jpmorganchase.com|New York, NY",
        "V|Visa Inc.|CS|XNYS|1403161|1999-03-19|7389|31600|1600|1950|visa.com|San Francisco, CA",
        "JNJ|Johnson & Johnson|CS|XNYS|200406|1944-09-25|2834|138100|2410|2410|jnj.com|New Brunswick, NJ",
        "WMT|Walmart Inc.|CS|XNYS|104169|1972-08-25|5331|2100000|8030|8030|walmart.com|Bentonville, AR",
        "PG|Procter & Gamble Company|CS|XNYS|80424|1950-03-22|2840|108000|2350|2350|pginvestor.com|Cincinnati, OH",
        "XOM|Exxon Mobil Corp|CS|XNYS|34088|1920-01-02|2911|61500|4300|4300|corporate.exxonmobil.com|Spring, TX",
        "UNH|UnitedHealth Group Inc|CS|XNYS|731766|1984-10-17|6324|400000|920|920|unitedhealthgroup.com|Minnetonka, MN",
        "HD|Home Depot, Inc.|CS|XNYS|354950|1981-09-22|5211|475000|990|990|homedepot.com|Atlanta, GA",
        "KO|Coca-Cola Company|CS|XNYS|21344|1919-09-05|2080|69700|4310|4310|coca-colacompany.com|Atlanta, GA",
        "PEP|PepsiCo, Inc.|CS|XNAS|77476|1972-06-01|2080|319000|1370|1370|pepsico.com|Purchase, NY",
        "DIS|Walt Disney Company|CS|XNYS|1744489|1957-11-12|4841|225000|1810|1810|thewaltdisneycompany.com|Burbank, CA",
        "NFLX|Netflix, Inc.|CS|XNAS|1065280|1999-05-23|7841|14000|4270|4270|netflix.com|Los Gatos, CA",
        "INTC|Intel Corp|CS|XNAS|50863|1971-10-13|3674|108900|4360|4360|intel.com|Santa Clara, CA",
        "AMD|Advanced Micro Devices|CS|XNAS|2488|1979-09-27|3674|28000|1620|1620|amd.com|Santa Clara, CA",
        "CSCO|Cisco Systems, Inc.|CS|XNAS|858877|1990-02-16|3576|90400|3960|3960|cisco.com|San Jose, CA",
        "KIMpL|Kimco Realty Corporation 5.125% Class L Preferred|PFD|XNYS|879101|1999-08-07|6798|660|9|9|kimcorealty.com|Jericho, NY",
        "OMIT|Omitted Fields Sandbox Corp|CS|XNYS||1998-04-01|||50|50||",
        "TCEHY|Tencent Holdings Ltd. Unsponsored ADR|ADRC|||1999-11-30|7370|110000|9300|9300|tencent.com|",
        "TWTR|Twitter, Inc. Common Stock|CS|XNYS|1418091|1999-11-07|7370|7500|765|765|twitter.com|San Francisco, CA",
    };

    private static final Map<String, String[]> BY_TICKER = new HashMap<>();

    static {
        for (String row : STOCKS) {
            String[] f = row.split("\\|", -1);
            BY_TICKER.put(f[0], f);
        }
    }

    private Companies() {}

    /**
     * The details of a known symbol with its market cap already worked out ({@code marketCap}:
     * the raw close times {@code sharesThen}, the factor turning today's share counts into those
     * of the close's date; null without a close). {@code lastDay}: a delisted ticker's last day.
     */
    static TickerDetails of(Symbol s, Double close, double sharesThen, LocalDate lastDay) {
        return switch (s.kind()) {
            case CRYPTO -> new TickerDetails(s.ticker(), "Bitcoin - United States dollar", "crypto", "global", null,
                    true, "United States dollar", null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null);
            case FOREX -> new TickerDetails(s.ticker(), "Euro - United States dollar", "fx", "global", null, true,
                    "United States dollar", null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
            case INDEX -> new TickerDetails(s.ticker(), "Standard & Poor's 500", "indices", "us", "INDEX", true, "usd",
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            default -> company(s, BY_TICKER.getOrDefault(s.ticker(), generated(s)), close, sharesThen, lastDay);
        };
    }

    /** A listing date, for refusing a {@code date} before it; null for tickers without one. */
    static LocalDate listDate(Symbol s) {
        if (s.kind() == Symbol.Kind.CRYPTO || s.kind() == Symbol.Kind.FOREX || s.kind() == Symbol.Kind.INDEX) {
            return null;
        }
        return LocalDate.parse(BY_TICKER.getOrDefault(s.ticker(), generated(s))[5]);
    }

    private static TickerDetails company(Symbol s, String[] f, Double close, double sharesThen, LocalDate lastDay) {
        long classShares = Math.round(Long.parseLong(f[8]) * 1e6 * sharesThen);
        long weighted = Math.round(Long.parseLong(f[9]) * 1e6 * sharesThen);
        Double cap = close == null ? null : PricePath.round(close * weighted, 2);
        String site = f[10].isEmpty() ? null : "https://www." + f[10];
        TickerDetails.Address address = f[11].isEmpty() ? null : new TickerDetails.Address(
                (100 + Math.floorMod(s.seed(), 9000)) + " Main Street", f[11].split(", ")[0], f[11].split(", ")[1],
                String.format("%05d", Math.floorMod(s.seed() >>> 7, 99999)));
        String slug = s.ticker().toLowerCase(Locale.ROOT).replace('.', '-');
        TickerDetails.Branding branding = new TickerDetails.Branding(
                "https://api.polygon.io/v1/reference/company-branding/" + slug + "/images/logo.svg",
                "https://api.polygon.io/v1/reference/company-branding/" + slug + "/images/icon.png");
        String delisted = lastDay == null ? null
                : lastDay.plusDays(1).atStartOfDay(Bar.NEW_YORK).toInstant().toString();
        return new TickerDetails(s.ticker(), f[1], s.kind() == Symbol.Kind.OTC ? "otc" : "stocks", "us", f[2],
                lastDay == null, "usd", f[3].isEmpty() ? null : f[3],
                f[4].isEmpty() ? null : String.format("%010d", Long.parseLong(f[4])), figi(s, 1), figi(s, 2),
                LocalDate.parse(f[5]), delisted, f[6].isEmpty() ? null : f[6], SIC.get(f[6]), cap, classShares,
                weighted, f[7].isEmpty() ? null : Integer.valueOf(f[7]), site,
                f[1] + " is a company of the sandbox's synthetic market; its prices are made up.", address, branding);
    }

    /** A generated stock's row, in the table's layout. */
    private static String[] generated(Symbol s) {
        long seed = s.seed();
        String number = s.ticker().substring(1);
        String[] sics = {"3674", "7372", "2834", "6021", "5331", "7374"};
        String[] cities = {"Wilmington, DE", "Austin, TX", "Boston, MA", "Denver, CO", "Chicago, IL"};
        LocalDate listed = LocalDate.of(1980, 1, 1).plusDays(Math.floorMod(seed, 7300));
        long shares = 50 + Math.floorMod(seed >>> 11, 4950);
        return new String[] {s.ticker(), "Synthetic Company " + number + " Inc.", "CS",
            Math.floorMod(seed, 2) == 0 ? "XNYS" : "XNAS", Long.toString(900_000_000L + Math.floorMod(seed, 99_999_999L)),
            listed.toString(), sics[Math.floorMod(seed >>> 3, sics.length)],
            Long.toString(10 + Math.floorMod(seed >>> 5, 50_000)), Long.toString(shares), Long.toString(shares),
            "synthetic-" + number + ".example.com", cities[Math.floorMod(seed >>> 9, cities.length)]};
    }

    /** OpenFIGI-shaped: BBG and nine characters of its consonants-and-digits alphabet. */
    private static String figi(Symbol s, int salt) {
        String alphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZ";
        StringBuilder out = new StringBuilder("BBG00");
        for (int i = 0; i < 7; i++) {
            out.append(alphabet.charAt((int) (PricePath.unit(s.seed(), i, 40 + salt) * alphabet.length())));
        }
        return out.toString();
    }
}
