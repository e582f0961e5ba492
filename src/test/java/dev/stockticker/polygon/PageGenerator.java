package dev.stockticker.polygon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes aggregates pages as Polygon would, and as it never should, for {@code PageParserTest}:
 * bars of every shape, unknown fields holding any JSON, escapes, non-ASCII text, numbers in every
 * form, random whitespace; and damages them.
 */
final class PageGenerator {
  private static final String[] BAR_FIELDS = {"t", "o", "h", "l", "c", "v", "vw", "n", "T"};

  private final Random random;
  private final StringBuilder out = new StringBuilder();

  private final int maxBars;
  /**
   * Only well-formed bars, written as Polygon writes them (no whitespace, escapes or unknown
   * fields), in any number form: what the parser's fast path reads.
   */
  private final boolean compact;

  PageGenerator(Random random) {
    this(random, 6, false);
  }

  PageGenerator(Random random, int maxBars, boolean compact) {
    this.random = random;
    this.maxBars = maxBars;
    this.compact = compact;
  }

  String page(String ticker) {
    if (!compact && random.nextInt(50) == 0) {
      anyValue(0);
      return out.toString();
    }
    List<Runnable> fields = new ArrayList<>();
    fields.add(() -> field("ticker", () -> string(ticker == null ? "AAPL" : ticker)));
    fields.add(() -> field("status", () -> string("OK")));
    fields.add(() -> field("request_id", () -> string(text())));
    if (random.nextInt(8) > 0) {
      fields.add(() -> field("resultsCount", () -> number()));
    }
    if (compact || random.nextInt(8) > 0) {
      fields.add(() -> field("results", () -> results(ticker)));
    }
    if (random.nextInt(3) == 0) {
      fields.add(() -> field("next_url", () -> {
        if (random.nextInt(5) == 0) {
          anyValue(1);
        } else {
          string("https://api.polygon.io/v2/aggs/next/" + text());
        }
      }));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      fields.add(() -> field("extra" + random.nextInt(1000), () -> anyValue(1)));
    }
    java.util.Collections.shuffle(fields, random);
    object(fields);
    return out.toString();
  }

  private void results(String ticker) {
    if (!compact && random.nextInt(30) == 0) {
      anyValue(1);
      return;
    }
    List<Runnable> bars = new ArrayList<>();
    for (int i = random.nextInt(maxBars); i > 0; i--) {
      bars.add(!compact && random.nextInt(40) == 0 ? () -> anyValue(2) : () -> bar(ticker));
    }
    array(bars);
  }

  private void bar(String ticker) {
    List<Runnable> fields = new ArrayList<>();
    for (String name : BAR_FIELDS) {
      if (name.equals("T") && ticker != null && (compact || random.nextBoolean())) {
        continue;
      }
      int copies = compact ? 1 : random.nextInt(60) == 0 ? 0 : random.nextInt(30) == 0 ? 2 : 1;
      for (int i = 0; i < copies; i++) {
        fields.add(() -> field(name, () -> barValue(name)));
      }
    }
    if (!compact && random.nextInt(5) == 0) {
      fields.add(() -> field(random.nextBoolean() ? "x" : "otc", () -> anyValue(2)));
    }
    java.util.Collections.shuffle(fields, random);
    object(fields);
  }

  private void barValue(String name) {
    if (!compact && random.nextInt(25) == 0) {
      anyValue(3);
    } else if (name.equals("T")) {
      string(random.nextBoolean() || compact ? "MSFT" : text());
    } else if (name.equals("t")) {
      out.append(!compact && random.nextInt(20) == 0 ? "1.7E12"
          : !compact && random.nextInt(20) == 0 ? "99999999999999999999"
          : Long.toString(1_700_000_000_000L + random.nextInt()));
    } else if (name.equals("n") && random.nextBoolean()) {
      out.append(random.nextInt(1_000_000)).append(random.nextInt(4) == 0 ? ".0" : "");
    } else {
      number();
    }
  }

  private void field(String name, Runnable value) {
    string(name);
    space();
    out.append(':');
    space();
    value.run();
  }

  private void object(List<Runnable> fields) {
    out.append('{');
    list(fields);
    out.append('}');
  }

  private void array(List<Runnable> values) {
    out.append('[');
    list(values);
    out.append(']');
  }

  private void list(List<Runnable> items) {
    space();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
        space();
      }
      items.get(i).run();
      space();
    }
  }

  private void anyValue(int depth) {
    switch (random.nextInt(depth > 3 ? 5 : 7)) {
      case 0 -> string(text());
      case 1 -> number();
      case 2 -> out.append("true");
      case 3 -> out.append("false");
      case 4 -> out.append("null");
      case 5 -> {
        List<Runnable> fields = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          fields.add(() -> field(text(), () -> anyValue(depth + 1)));
        }
        object(fields);
      }
      default -> {
        List<Runnable> values = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          values.add(() -> anyValue(depth + 1));
        }
        array(values);
      }
    }
  }

  /** A number in one of JSON's forms, written canonically so Jackson's text is the same. */
  private void number() {
    String mantissa = (random.nextInt(6) == 0 ? "-" : "") + (random.nextInt(5) == 0 ? "0"
        : Integer.toString(1 + random.nextInt(99_999)));
    switch (random.nextInt(4)) {
      case 0 -> out.append(mantissa);
      case 1 -> out.append(mantissa).append('.').append(random.nextInt(10_000) + 1);
      case 2 -> out.append(mantissa).append('.').append(1 + random.nextInt(9)).append('E')
          .append(random.nextInt(20) - 10);
      default -> out.append(mantissa).append(random.nextBoolean() ? ".5" : "").append('e')
          .append(random.nextBoolean() ? "+" : "").append(random.nextInt(12));
    }
  }

  /** Text with escapes, non-ASCII characters (two, three and four bytes) and quotes. */
  private String text() {
    String[] pieces = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "€", "𝄞",
        "\u2028", "t", "vw"};
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  private void string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      boolean escapeAnyway = !compact && random.nextInt(20) == 0 && !Character.isSurrogate(ch);
      if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else if (ch < 0x20 || escapeAnyway) {
        out.append(switch (ch) {
          case '\n' -> "\\n";
          case '\t' -> "\\t";
          case '/' -> "\\/";
          default -> String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) ch);
        });
      } else {
        out.append(ch);
      }
    }
    out.append('"');
  }

  private void space() {
    if (!compact && random.nextInt(6) == 0) {
      out.append(" \n\r\t".charAt(random.nextInt(4)));
    }
  }

  /** Random damage: a byte dropped, one inserted, or the end cut off. */
  static byte[] damage(byte[] document, Random random) {
    int at = random.nextInt(document.length);
    switch (random.nextInt(3)) {
      case 0 -> {
        byte[] shorter = new byte[document.length - 1];
        System.arraycopy(document, 0, shorter, 0, at);
        System.arraycopy(document, at + 1, shorter, at, document.length - at - 1);
        return shorter;
      }
      case 1 -> {
        byte[] noise = "{}[],:\"\\x0.5eE+-tfn \u0001".getBytes(StandardCharsets.UTF_8);
        byte inserted = random.nextInt(10) == 0 ? (byte) 0xff : noise[random.nextInt(noise.length)];
        byte[] longer = new byte[document.length + 1];
        System.arraycopy(document, 0, longer, 0, at);
        longer[at] = inserted;
        System.arraycopy(document, at, longer, at + 1, document.length - at);
        return longer;
      }
      default -> {
        byte[] cut = new byte[at];
        System.arraycopy(document, 0, cut, 0, at);
        return cut;
      }
    }
  }
}
