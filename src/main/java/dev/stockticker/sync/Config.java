package dev.stockticker.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockticker.calendar.MarketCalendar;
import dev.stockticker.polygon.Timespan;
import dev.stockticker.protocol.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The connector's configuration, validated once at the edge: everything after this can trust it.
 * The fields every stream shares are here; each stream's own options are a record of their own.
 *
 * @param startDate the first date to read; when the user set none, a week before today
 * @param startDateSet whether the user set start_date: a default start only bounds tickers that
 *     have no cursor yet, so an incremental connection paused for weeks still resumes at its
 *     cursor instead of skipping to last week
 * @param endDate the last date to read; null when the user set none: then each ticker is read up
 *     to today in its own market (a crypto day in UTC may already be tomorrow in New York)
 * @param requestsPerMinute null when the user set no limit
 * @param maxConcurrentRequests how many requests may be in flight at once
 */
public record Config(
    String apiKey,
    List<String> tickers,
    LocalDate startDate,
    boolean startDateSet,
    LocalDate endDate,
    boolean adjusted,
    String baseUrl,
    Integer requestsPerMinute,
    int maxConcurrentRequests,
    StockPricesOptions stockPrices,
    IntradayOptions intraday) {

  public static final String DEFAULT_BASE_URL = "https://api.polygon.io";

  /** The tutorial's window: a week back from today. */
  static final int DEFAULT_DAYS_BACK = 7;

  static final int MAX_LOOKBACK_DAYS = 3650;
  /**
   * In flight at once without requests_per_minute. Polygon answers in 0.2 to 1 s and asks paid
   * plans to stay under 100 requests a second: 8 in flight make 8 to 40 a second, most of the
   * speed-up on a latency-bound sync (2,000 tickers: 4 to 7 minutes instead of 7 to 33) with room
   * under that limit, and a 2-core machine parses one page while the others travel.
   */
  static final int DEFAULT_CONCURRENT_REQUESTS = 8;
  static final int MAX_CONCURRENT_REQUESTS = 32;
  static final Set<String> KNOWN_FIELDS =
      Set.of("api_key", "stock_ticker", "start_date", "end_date", "adjusted", "base_url",
          "requests_per_minute", "max_concurrent_requests", "lookback_days", "include_otc",
          "request_strategy", "intraday_multiplier", "intraday_timespan");
  /** Letters, digits and the separators Polygon uses: BRK.B, KIMpL, X:BTCUSD, C:EURUSD, I:SPX. */
  private static final Pattern TICKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:\\-]{0,31}");
  /** Leading and trailing spaces of any kind: the spec's pattern also allows a no-break space. */
  private static final Pattern UNICODE_SPACE =
      Pattern.compile("^[\\s\\p{Z}\\uFEFF]+|[\\s\\p{Z}\\uFEFF]+$");

  public Config {
    tickers = List.copyOf(tickers);
  }

  /** A parsed config and the warnings to log about it. */
  public record Parsed(Config config, List<String> warnings) {}

  /**
   * Validates {@code root} read from {@code file}. The defaults of start_date and end_date are
   * relative to today in New York by {@code clock}.
   */
  public static Parsed parse(JsonNode root, String file, Clock clock) {
    LocalDate today = MarketCalendar.NEW_YORK.today(clock);
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(String.format(
          "The config file %s must hold a JSON object with api_key and stock_ticker.", file));
    }
    Fields fields = new Fields(root, file);
    String apiKey = fields.requiredString("api_key", "your Polygon API key").strip();
    if (!apiKey.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      // It travels in an HTTP header; say so without ever echoing it.
      throw new InvalidInputException(String.format(
          "The config file %s has an invalid api_key: expected printable ASCII without spaces "
              + "(as Polygon keys are), got a value with other characters.", file));
    }
    List<String> tickers = parseTickers(fields.requiredString("stock_ticker",
        "a ticker or a comma-separated list such as \"AAPL, MSFT\""), fields);
    LocalDate start = fields.optionalDate("start_date");
    boolean startSet = start != null;
    LocalDate end = fields.optionalDate("end_date");
    LocalDate last = end == null ? today : end;
    if (start == null) {
      // A week back from today, or from end_date when that is earlier, so the default is never
      // after an explicit end_date.
      start = (last.isBefore(today) ? last : today).minusDays(DEFAULT_DAYS_BACK);
    }
    if (last.isBefore(start)) {
      throw fields.invalid("end_date", "a date on or after start_date " + start, last.toString());
    }
    boolean adjusted = fields.optionalBoolean("adjusted", true);
    String baseUrl = parseBaseUrl(fields);
    Integer requestsPerMinute = fields.optionalInt("requests_per_minute", 1, 100_000);
    Integer concurrent = fields.optionalInt("max_concurrent_requests", 1,
        MAX_CONCURRENT_REQUESTS);
    Integer lookback = fields.optionalInt("lookback_days", 0, MAX_LOOKBACK_DAYS);
    boolean includeOtc = fields.optionalBoolean("include_otc", false);
    StockPricesOptions.RequestStrategy strategy = fields.optionalChoice("request_strategy",
        List.of(StockPricesOptions.RequestStrategy.values()),
        StockPricesOptions.RequestStrategy::wireName, StockPricesOptions.RequestStrategy.AUTO);
    Integer multiplier = fields.optionalInt("intraday_multiplier", 1,
        IntradayOptions.MAX_MULTIPLIER);
    Timespan timespan = fields.optionalChoice("intraday_timespan", IntradayOptions.TIMESPANS,
        Timespan::wireName, IntradayOptions.DEFAULT.timespan());

    List<String> warnings = new ArrayList<>();
    if (concurrent != null && concurrent > 1 && requestsPerMinute != null) {
      warnings.add(String.format("The config file %s sets both requests_per_minute and "
          + "max_concurrent_requests; paced requests go one at a time, so the latter is ignored.",
          file));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN_FIELDS.contains(name)) {
        warnings.add(String.format("Ignoring unknown field \"%s\" in the config file %s.",
            abbreviate(name), file));
      }
    }
    // A free-plan user who sets requests_per_minute never has requests racing for the budget.
    int maxConcurrent = requestsPerMinute != null ? 1
        : concurrent != null ? concurrent : DEFAULT_CONCURRENT_REQUESTS;
    Config config = new Config(apiKey, tickers, start, startSet, end, adjusted, baseUrl,
        requestsPerMinute, maxConcurrent,
        new StockPricesOptions(lookback == null ? 0 : lookback, includeOtc, strategy),
        new IntradayOptions(multiplier == null ? IntradayOptions.DEFAULT.multiplier() : multiplier,
            timespan));
    return new Parsed(config, warnings);
  }

  private static List<String> parseTickers(String value, Fields fields) {
    Set<String> tickers = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String ticker = polygonTicker(UNICODE_SPACE.matcher(part).replaceAll(""));
      if (ticker.isEmpty()) {
        continue;
      }
      if (!TICKER.matcher(ticker).matches()) {
        throw fields.invalid("stock_ticker",
            "tickers of letters, digits, '.', ':' or '-' (e.g. AAPL, BRK.B, X:BTCUSD), "
                + "but \"" + abbreviate(part.trim()) + "\" is not one", value);
      }
      tickers.add(ticker);
    }
    if (tickers.isEmpty()) {
      throw fields.invalid("stock_ticker", "at least one ticker, e.g. \"AAPL\" or \"AAPL, MSFT\"",
          value);
    }
    return List.copyOf(tickers);
  }

  /**
   * The ticker as Polygon knows it. Polygon's tickers are case-sensitive (KIMpL, a preferred share,
   * is not KIMPL), so one with any upper-case letter is sent as written; none is all lower case,
   * so one written all in lower case (the tutorial's users type tsla) is upper-cased.
   */
  static String polygonTicker(String written) {
    return written.chars().anyMatch(Character::isUpperCase) ? written
        : written.toUpperCase(Locale.ROOT);
  }

  private static String parseBaseUrl(Fields fields) {
    String value = fields.optionalString("base_url");
    if (value == null) {
      return DEFAULT_BASE_URL;
    }
    String expected = "an http:// or https:// URL such as " + DEFAULT_BASE_URL;
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw fields.invalid("base_url", expected, value);
      }
      String text = uri.toString();
      return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    } catch (URISyntaxException e) {
      throw fields.invalid("base_url", expected, value);
    }
  }

  static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /** Typed access to the config object, with errors that name the file and the field. */
  private record Fields(JsonNode root, String file) {
    String requiredString(String name, String expected) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        throw new InvalidInputException(String.format(
            "The config file %s is missing the required field %s (expected %s).", file, name,
            expected));
      }
      if (!node.isTextual() || node.asText().isBlank()) {
        throw invalidNode(name, "a non-empty string: " + expected, node);
      }
      return node.asText();
    }

    String optionalString(String name) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isTextual()) {
        throw invalidNode(name, "a string", node);
      }
      return node.asText();
    }

    LocalDate optionalDate(String name) {
      String text = optionalString(name);
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return LocalDate.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw invalid(name, "a date in the form YYYY-MM-DD", text);
      }
    }

    /** One of {@code choices}, written as its wire name; {@code fallback} when unset. */
    <T> T optionalChoice(String name, List<T> choices, Function<T, String> wireName, T fallback) {
      String value = optionalString(name);
      if (value == null) {
        return fallback;
      }
      for (T choice : choices) {
        if (wireName.apply(choice).equals(value.trim())) {
          return choice;
        }
      }
      throw invalid(name, "one of " + choices.stream().map(c -> "\"" + wireName.apply(c) + "\"")
          .collect(Collectors.joining(", ")), value);
    }

    boolean optionalBoolean(String name, boolean fallback) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isBoolean()) {
        throw invalidNode(name, "true or false", node);
      }
      return node.booleanValue();
    }

    Integer optionalInt(String name, int min, int max) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      // JSON Schema's "integer" includes 5.0, so the spec lets it through; accept it here too.
      boolean whole = node.isIntegralNumber()
          || (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue()));
      if (!whole || node.doubleValue() < min || node.doubleValue() > max) {
        throw invalidNode(name, String.format("a whole number from %d to %d", min, max), node);
      }
      return node.intValue();
    }

    InvalidInputException invalidNode(String name, String expected, JsonNode got) {
      // Never echo what was given for the key, whatever its type.
      String shown = name.equals("api_key") ? "a JSON " + got.getNodeType().name().toLowerCase(
          Locale.ROOT) : got.toString();
      return invalid(name, expected, shown);
    }

    InvalidInputException invalid(String name, String expected, String got) {
      return new InvalidInputException(String.format(
          "The config file %s has an invalid %s: expected %s, got %s.", file, name, expected,
          abbreviate(got)));
    }
  }
}
