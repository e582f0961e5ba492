package dev.stockticker.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stockticker.json.JsonNumber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written page parser against Jackson. Generated documents (bars of every shape, unknown
 * fields holding any JSON, escapes, non-ASCII text, numbers in every form, random whitespace)
 * are fed through a stream that hands over a few bytes at a time, so every token also meets a
 * buffer refill. For a document Jackson accepts, the parser must deliver the bars, next_url or
 * shape error that a reference built on Jackson's tree says; for one Jackson rejects (the same
 * documents, damaged), it must fail and deliver nothing past the damage as a success.
 */
class PageParserTest {
  private static final ObjectMapper JACKSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // a body is one value, nothing else
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** What a parse gave: the bars delivered, then either a next_url or the error it ended with. */
  private record Outcome(List<Bar> bars, String nextUrl, String error) {}

  @Test
  void generatedDocumentsParseAsJacksonReadsThem() throws Exception {
    Random random = new Random(20261127);
    int shapeErrors = 0;
    int withBars = 0;
    for (int i = 0; i < 3000; i++) {
      boolean perTicker = random.nextBoolean();
      String document = new PageGenerator(random).page(perTicker ? "AAPL" : null);
      byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
      Outcome expected = reference(JACKSON.readTree(bytes), perTicker ? "AAPL" : null);
      Outcome actual = parse(bytes, perTicker ? "AAPL" : null, random);
      assertSame(expected, actual, document);
      shapeErrors += expected.error() != null ? 1 : 0;
      withBars += expected.bars().isEmpty() ? 0 : 1;
    }
    // The generator must exercise both paths, or this test proves little.
    assertTrue(shapeErrors > 300 && withBars > 1000, shapeErrors + " / " + withBars);
  }

  @Test
  void damagedDocumentsAreRejectedWhereJacksonRejectsThem() throws Exception {
    Random random = new Random(11272026);
    int rejected = 0;
    for (int i = 0; i < 4000; i++) {
      boolean perTicker = random.nextBoolean();
      String ticker = perTicker ? "AAPL" : null;
      byte[] page = new PageGenerator(random).page(ticker).getBytes(StandardCharsets.UTF_8);
      byte[] document = PageGenerator.damage(page, random);
      Outcome actual = parse(document, ticker, random);
      String shown = new String(document, StandardCharsets.UTF_8);
      boolean accepted;
      try {
        accepted = jacksonAccepts(document);
      } catch (NumberFormatException beyondBigDecimal) {
        continue; // damage made a number like 1E698050450720: valid, but no tree can hold it
      }
      if (accepted && !(isUtf8Error(actual) && !isUtf8(document))) {
        assertSame(reference(JACKSON.readTree(document), ticker), actual, shown);
      } else {
        rejected++;
        assertNotNull(actual.error(), "accepted what Jackson rejects: " + shown);
      }
    }
    assertTrue(rejected > 2000, "only " + rejected + " damaged documents were invalid");
  }

  @Test
  void pricesKeepTheirTextAndEveryBarFieldIsRead() throws Exception {
    String page = "{\"ticker\":\"AAPL\",\"results\":[{\"v\":1.6846527E7,\"vw\":7.8501,\"o\":7.8192,"
        + "\"c\":7.8984,\"h\":7.9115,\"l\":-0.0,\"t\":1164603600000,\"n\":165160}],"
        + "\"next_url\":\"https://api.polygon.io/v2/next?cursor=a%2Fb\"}";
    Outcome outcome = parse(page.getBytes(StandardCharsets.UTF_8), "AAPL", new Random(1));

    assertEquals("https://api.polygon.io/v2/next?cursor=a%2Fb", outcome.nextUrl());
    Bar bar = outcome.bars().get(0);
    assertEquals("AAPL", bar.ticker());
    assertEquals(1164603600000L, bar.timestamp());
    assertEquals(List.of("7.8192", "7.9115", "-0.0", "7.8984", "1.6846527E7", "7.8501", "165160"),
        List.of(bar.open().toString(), bar.high().toString(), bar.low().toString(),
            bar.close().toString(), bar.volume().toString(), bar.vwap().toString(),
            bar.transactions().toString()));
  }

  /**
   * Long pages of compact bars, as Polygon writes them, read whole (the fast path reads nearly
   * every bar) and in pieces of up to 500 bytes (the fast path meets the end of what was read in
   * the middle of a bar, with older bytes beyond it in the buffer, again and again).
   */
  @Test
  void longPagesReadInPiecesParseAsWhole() throws Exception {
    Random random = new Random(27);
    int bars = 0;
    int compact = 0;
    for (int i = 0; i < 200; i++) {
      String ticker = random.nextBoolean() ? "AAPL" : null;
      byte[] page = new PageGenerator(random, 400, true).page(ticker)
          .getBytes(StandardCharsets.UTF_8);
      Outcome outcome = parse(page, ticker, random, 500);
      assertSame(reference(JACKSON.readTree(page), ticker), outcome, "page " + i);
      bars += outcome.bars().size();
      PageParser whole = new PageParser(new ByteArrayInputStream(page), "X", "GET /x", ticker);
      whole.parse(bar -> { });
      compact += whole.compactBars();
    }
    assertTrue(bars > 20_000, bars + " bars");
    assertTrue(compact > bars * 0.9, compact + " of " + bars + " bars read by the fast path");
  }

  @Test
  void stringsOverTheLimitAreRefusedHoweverTheyAreWritten() {
    int max = JsonByteReader.MAX_STRING_BYTES;
    String plain = "a".repeat(max);
    String twoByte = "\\n" + "é".repeat(max / 2); // escapes and non-ASCII go byte by byte
    for (String[] value : new String[][] {{plain, "ok"}, {plain + "a", "refused"},
        {twoByte, "refused"}}) {
      byte[] page = ("{\"request_id\":\"" + value[0] + "\",\"results\":[]}")
          .getBytes(StandardCharsets.UTF_8);
      Outcome outcome = parse(page, "X", new Random(6), 70_000);
      assertEquals(value[1].equals("ok") ? null : "malformed: a string is longer than " + max
          + " bytes", outcome.error(), value[0].length() + " chars");
    }
  }

  @Test
  void onlyWhitespaceMayFollowTheBodysObject() {
    assertNull(parse("{\"results\":[]} \r\n".getBytes(StandardCharsets.UTF_8), "X",
        new Random(8)).error());
    assertEquals("malformed: there is more after the body's object", parse(
        "{\"results\":[]}{}".getBytes(StandardCharsets.UTF_8), "X", new Random(8)).error());
  }

  /** Bars that look compact but are not quite: the fast path must hand each one over. */
  @ParameterizedTest
  @ValueSource(strings = {
      "\"t\":01164603600000", "\"t\":-1164603600000", "\"t\":1164603600000.0",
      "\"t\":1164603600000e0", "\"t\":1234567890123456789", "\"t\":12345678901234567890",
      "\"t\":1164603600000,\"t\":null", "\"t\":1164603600000x", "\"t\":1164603600000 ",
      "\"t\":1164603600000,\"o\":01", "\"t\":1164603600000,\"o\":1.", "\"t\":1,\"o\":-",
      "\"t\":1,\"o\":null", "\"t\":1,\"o\":\"1\"", "\"t\":1,\"x\":1", "\"t\":1,\"vx\":1",
      "\"t\":1,\"T\":\"A\\\"B\"", "\"t\":1,\"T\":\"é\"", "\"t\":1,\"T\":5", "\"t\":1,\"T\":\"A\"5",
      "\"t\":1,\"n\":1e2", "\"t\":1,\"n\":1.5", "\"t\":1,\"o\":1,\"o\":2", "\"t\":1,,\"o\":1",
      "\"t\":1,\"o\":1" + ";", "\"t\":1,\"w\":1", "\"t\":1,\"vw\":1,\"w\":2", "\"t\":"})
  void compactLookalikesReadAsJacksonReadsThem(String fields) throws Exception {
    for (String ticker : new String[] {"AAPL", null}) {
      // The row's fields come last, so a duplicate in the row is the one that counts.
      String bar = "{\"h\":2,\"l\":1,\"c\":1.5,\"v\":100,\"o\":1.25"
          + (ticker == null ? ",\"T\":\"MSFT\"" : "") + "," + fields + "}";
      byte[] page = ("{\"results\":[" + bar + "," + bar + "]}").getBytes(StandardCharsets.UTF_8);
      Outcome actual = parse(page, ticker, new Random(5));
      if (jacksonAccepts(page)) {
        assertSame(reference(JACKSON.readTree(page), ticker), actual, bar);
      } else {
        assertNotNull(actual.error(), bar);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"12.0", "1.2e1", "120E-1"})
  void aWholeTransactionCountSentAsAFloatIsAnInteger(String count) throws Exception {
    String page = "{\"results\":[{\"t\":1,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"n\":" + count
        + "}]}";
    assertEquals("12", parse(page.getBytes(StandardCharsets.UTF_8), "X", new Random(2)).bars()
        .get(0).transactions().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "1.", "-", "1e"})
  void aBodyCutShortIsSaidToBeCutShortEvenInTheMiddleOfANumber(String number) {
    byte[] page = ("{\"results\":[{\"t\":1,\"o\":" + number).getBytes(StandardCharsets.UTF_8);
    PageParser.MalformedBodyException e = assertThrows(PageParser.MalformedBodyException.class,
        () -> new PageParser(new ByteArrayInputStream(page), "X", "GET /x", "X").parse(bar -> { }));
    assertTrue(e.cutShort, e.getMessage());
    assertTrue(e.getMessage().contains("byte " + page.length), e.getMessage());
  }

  @Test
  void limitsAreThoseOfJackson() {
    int depth = JsonByteReader.MAX_DEPTH - 1; // arrays inside the body's object
    int digits = JsonByteReader.MAX_NUMBER_LENGTH;
    for (int over = 0; over <= 1; over++) {
      String deep = "{\"x\":" + "[".repeat(depth + over) + "]".repeat(depth + over) + "}";
      String longNumber = "{\"x\":" + "1".repeat(digits + over) + "}";
      for (String page : List.of(deep, longNumber)) {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        assertEquals(over == 0, jacksonAccepts(bytes), page.length() + " chars");
        Outcome outcome = parse(bytes, "X", new Random(4));
        assertEquals(over == 0, outcome.error() == null, outcome.error());
      }
    }
  }

  // ---- The parser under test, fed a few bytes at a time. ----

  /**
   * Parses the document twice: handed over whole, so the compact fast path reads what it can in
   * the buffer, and a few bytes per read, so every token meets a refill and the general path
   * reads nearly everything. Both must give the same outcome, which is returned.
   */
  private static Outcome parse(byte[] document, String ticker, Random random) {
    return parse(document, ticker, random, 7);
  }

  /** As above, with reads of 1 to {@code maxRead} bytes for the second parse. */
  private static Outcome parse(byte[] document, String ticker, Random random, int maxRead) {
    Outcome whole = parse(new ByteArrayInputStream(document), ticker);
    Outcome trickled = parse(new ByteArrayInputStream(document) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
      }
    }, ticker);
    String shown = new String(document, StandardCharsets.UTF_8);
    assertSame(whole, trickled, "whole vs trickled: " + shown);
    assertEquals(whole.error(), trickled.error(), "whole vs trickled: " + shown);
    return whole;
  }

  private static Outcome parse(InputStream body, String ticker) {
    List<Bar> bars = new ArrayList<>();
    try {
      String next = new PageParser(body, "X", "GET /x", ticker).parse(bars::add);
      return new Outcome(bars, next, null);
    } catch (PolygonException e) {
      return new Outcome(bars, null, e.getMessage().replaceFirst(".*documented shape: ", ""));
    } catch (PageParser.MalformedBodyException e) {
      // Where the damage is found is said in bytes, which differ by read sizes; what is not.
      return new Outcome(bars, null, "malformed: " + e.getMessage().replaceFirst(" at byte \\d+.*", ""));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertSame(Outcome expected, Outcome actual, String document) {
    // The parser quotes resultsCount as sent; the tree only knows its value.
    assertEquals(withoutCount(expected.error()), withoutCount(actual.error()), document);
    assertEquals(expected.nextUrl(), actual.nextUrl(), document);
    assertEquals(expected.bars().size(), actual.bars().size(), document);
    for (int i = 0; i < expected.bars().size(); i++) {
      Bar want = expected.bars().get(i);
      Bar got = actual.bars().get(i);
      assertEquals(want.ticker(), got.ticker(), document);
      assertEquals(want.timestamp(), got.timestamp(), document);
      assertEquals(values(want), values(got), document);
      assertTrue(got.transactions() == null || got.transactions().isInteger(), document);
    }
  }

  private static String withoutCount(String error) {
    return error == null ? null : error.replaceFirst("^resultsCount is \\S+", "resultsCount is N");
  }

  /** Prices by value: Jackson's tree keeps a number's value, not how it was written. */
  private static List<BigDecimal> values(Bar bar) {
    List<BigDecimal> values = new ArrayList<>();
    for (JsonNumber number : new JsonNumber[] {bar.open(), bar.high(), bar.low(), bar.close(),
        bar.volume(), bar.vwap(), bar.transactions()}) {
      values.add(number == null ? null : new BigDecimal(number.toString()).stripTrailingZeros());
    }
    return values;
  }

  // ---- The reference: the same rules, over Jackson's tree. ----

  private static Outcome reference(JsonNode root, String ticker) {
    List<Bar> bars = new ArrayList<>();
    if (!root.isObject()) {
      return new Outcome(bars, null, "the body is not a JSON object");
    }
    JsonNode results = root.get("results");
    if (results != null) {
      if (!results.isArray()) {
        return new Outcome(bars, null, "\"results\" is not an array");
      }
      for (JsonNode result : results) {
        if (!result.isObject()) {
          return new Outcome(bars, null, "an element of \"results\" is not an object");
        }
        JsonNode tNode = result.get("t");
        Long t = tNode != null && tNode.isIntegralNumber() && tNode.canConvertToLong()
            ? tNode.longValue() : null;
        JsonNumber o = number(result.get("o"));
        JsonNumber h = number(result.get("h"));
        JsonNumber l = number(result.get("l"));
        JsonNumber c = number(result.get("c"));
        JsonNumber v = number(result.get("v"));
        JsonNumber vw = number(result.get("vw"));
        JsonNumber n = count(result.get("n"));
        JsonNode tickerNode = result.get("T");
        String barTicker = ticker != null ? ticker
            : tickerNode != null && tickerNode.isTextual() ? tickerNode.textValue() : null;
        String missing = t == null ? "t" : c == null ? "c" : o == null ? "o" : h == null ? "h"
            : l == null ? "l" : barTicker == null ? "T" : null;
        if (missing != null) {
          return new Outcome(bars, null, "a bar has no " + (missing.equals("T") ? "string"
              : "numeric") + " \"" + missing + "\"" + (t == null ? "" : " (t=" + t + ")"));
        }
        bars.add(new Bar(barTicker, t, o, h, l, c, v, vw, n));
      }
    }
    JsonNode count = root.get("resultsCount");
    if (results == null && count != null && count.isNumber() && count.decimalValue().signum() > 0) {
      return new Outcome(bars, null, "resultsCount is " + count.asText()
          + " but there is no \"results\" array");
    }
    JsonNode next = root.get("next_url");
    return new Outcome(bars, next != null && next.isTextual() ? next.textValue() : null, null);
  }

  private static JsonNumber number(JsonNode node) {
    return node != null && node.isNumber() ? JsonNumber.of(node.decimalValue().toString()) : null;
  }

  private static JsonNumber count(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return number(node);
    }
    double value = node.doubleValue();
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? JsonNumber.of(Long.toString((long) value)) : null;
  }

  /**
   * Jackson lets some invalid UTF-8 through in field names (an 0xff byte, say); RFC 8259 does not,
   * and neither does the parser.
   */
  private static boolean isUtf8Error(Outcome outcome) {
    return outcome.error() != null && outcome.error().startsWith("malformed: a string is not "
        + "valid UTF-8");
  }

  private static boolean isUtf8(byte[] document) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(document));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** Whether Jackson reads the document's first value, decoding every string in it. */
  private static boolean jacksonAccepts(byte[] document) {
    try {
      JACKSON.readTree(document);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theReferenceDisagreesWithWrongAnswers() throws Exception {
    JsonNode page = JACKSON.readTree("{\"results\":[{\"t\":1,\"o\":1,\"h\":1,\"l\":1,\"v\":1}]}");
    assertEquals("a bar has no numeric \"c\" (t=1)", reference(page, "X").error());
    Outcome good = parse("{\"results\":[{\"t\":1,\"o\":1,\"h\":1,\"l\":1,\"c\":2,\"v\":1}]}"
        .getBytes(StandardCharsets.UTF_8), "X", new Random(3));
    Outcome otherClose = parse(("{\"results\":[{\"t\":1,\"o\":1,\"h\":1,\"l\":1,\"c\":3,"
        + "\"v\":1}]}").getBytes(StandardCharsets.UTF_8), "X", new Random(3));
    assertThrows(AssertionError.class, () -> assertSame(good, otherClose, "c differs"));
  }

  @Test
  void anIndexBarWithoutVolumeVwapOrCountHasNullsThere() throws Exception {
    // Polygon's documented I:NDX body: o, h, l, c, t only, and count instead of resultsCount.
    Outcome outcome = parse(("{\"count\":1,\"queryCount\":1,\"request_id\":\"0cf7\",\"status\":\"OK\","
        + "\"ticker\":\"I:NDX\",\"results\":[{\"c\":11995.88235998666,\"h\":12340.44936267155,"
        + "\"l\":11970.34221717375,\"o\":12230.83658266843,\"t\":1678341600000}]}")
        .getBytes(StandardCharsets.UTF_8), "I:NDX", new Random(5));
    assertEquals(null, outcome.error());
    Bar bar = outcome.bars().get(0);
    assertEquals("11995.88235998666", bar.close().toString());
    assertEquals(null, bar.volume());
    assertEquals(null, bar.vwap());
    assertEquals(null, bar.transactions());
  }
}
