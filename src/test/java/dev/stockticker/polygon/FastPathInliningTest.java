package dev.stockticker.polygon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image runs C1 only, and C1 inlines a method only if its bytecode is at most 35 bytes (31
 * for one called from a method it inlined already). The fast path calls the methods below for
 * every field of every bar, and as calls they cost more than the rest of it: the first version
 * of the split, with a lookup and a setter just over the limit, parsed 50% slower. A method that
 * grows over the limit changes no outcome, so no other test would notice.
 */
class FastPathInliningTest {
  private static final int INLINED = 35;
  private static final int INLINED_IN_INLINED = 31;

  @Test
  void whatTheFastPathCallsForEveryFieldIsSmallEnoughForC1ToInline() throws IOException {
    Map<String, Integer> bar = codeSizes(BarReader.class);
    Map<String, Integer> field = codeSizes(BarField.class);
    Map<String, Integer> json = codeSizes(JsonByteReader.class);
    assertAtMost(INLINED, "BarField.at", field.get("at"));
    assertAtMost(INLINED, "BarField.closingQuote", field.get("closingQuote"));
    assertAtMost(INLINED, "BarReader.numeric", bar.get("numeric"));
    assertAtMost(INLINED, "BarReader.setNumber", bar.get("setNumber"));
    assertAtMost(INLINED_IN_INLINED, "BarReader.lacks", bar.get("lacks"));
    assertAtMost(INLINED, "BarReader.complete", bar.get("complete"));
    assertAtMost(INLINED, "JsonByteReader.isNumberByte", json.get("isNumberByte"));
    for (String accessor : new String[] {"buffer", "position", "limit"}) {
      assertAtMost(INLINED, "JsonByteReader." + accessor, json.get(accessor));
    }
  }

  private static void assertAtMost(int limit, String method, int size) {
    assertTrue(size <= limit, method + " has " + size + " bytes of bytecode; C1 inlines "
        + limit + " at most");
  }

  /** The bytecode length of each method of {@code type} by name (the largest of overloads). */
  private static Map<String, Integer> codeSizes(Class<?> type) throws IOException {
    try (InputStream stream = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      DataInputStream in = new DataInputStream(stream);
      in.skipBytes(8); // magic, minor and major version
      String[] utf8 = new String[in.readUnsignedShort()];
      for (int i = 1; i < utf8.length; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 5, 6 -> { // a long or a double takes two entries
            in.skipBytes(8);
            i++;
          }
          case 7, 8, 16, 19, 20 -> in.skipBytes(2);
          case 15 -> in.skipBytes(3);
          default -> in.skipBytes(4); // 3, 4, 9, 10, 11, 12, 17, 18
        }
      }
      in.skipBytes(6); // access flags, this class, super class
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      for (int fields = in.readUnsignedShort(); fields > 0; fields--) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      Map<String, Integer> sizes = new HashMap<>();
      for (int methods = in.readUnsignedShort(); methods > 0; methods--) {
        in.skipBytes(2);
        String name = utf8[in.readUnsignedShort()];
        in.skipBytes(2);
        for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.skipBytes(4); // max stack, max locals
            sizes.merge(name, in.readInt(), Math::max);
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return sizes;
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
      in.skipBytes(2);
      in.skipBytes(in.readInt());
    }
  }
}
