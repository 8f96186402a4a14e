package io.dynamodbbackup.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items for the tests: fixed, so golden files can pin their bytes. */
final class TestItems {

  private TestItems() {}

  static AttributeValue s(String s) {
    return AttributeValue.fromS(s);
  }

  static AttributeValue n(String n) {
    return AttributeValue.fromN(n);
  }

  static AttributeValue b(byte... bytes) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
  }

  /** Builds an ordered item from name, value pairs. */
  static Map<String, AttributeValue> item(Object... namesAndValues) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
    }
    return item;
  }

  static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  static AttributeValue nestedMap(int depth) {
    AttributeValue value = s("bottom");
    for (int i = depth; i > 0; i--) {
      value = AttributeValue.fromM(item("level" + i, value, "n", n(Integer.toString(i))));
    }
    return value;
  }

  /** Every type, the awkward values of each, in a fixed order. */
  static List<Map<String, AttributeValue>> everyType() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    items.add(item("id", s("a"), "n", n("1.50")));
    items.add(
        item(
            "id",
            s("numbers"),
            "big",
            n("12345678901234567890123456789012345678"),
            "precise",
            n("0.12345678901234567890123456789012345678"),
            "exp",
            n("1E+5"),
            "tiny",
            n("-0.000000000000000000000000000000000000001"),
            "neg",
            n("-1e-130"),
            "ns",
            AttributeValue.fromNs(List.of("1", "2.50", "9.9E+125"))));
    items.add(
        item(
            "id",
            s("binary"),
            "all",
            b(allByteValues()),
            "empty",
            b(),
            "bs",
            AttributeValue.fromBs(
                List.of(
                    SdkBytes.fromByteArray(new byte[] {'h', 'i'}),
                    SdkBytes.fromByteArray(new byte[] {0, -1})))));
    items.add(
        item(
            "id",
            s("scalars"),
            "yes",
            AttributeValue.fromBool(true),
            "no",
            AttributeValue.fromBool(false),
            "nothing",
            AttributeValue.fromNul(true),
            "empty",
            s("")));
    items.add(
        item(
            "id",
            s("collections"),
            "l",
            AttributeValue.fromL(
                List.of(s("x"), n("2"), AttributeValue.fromL(List.of()), b((byte) 7))),
            "emptyL",
            AttributeValue.fromL(List.of()),
            "emptyM",
            AttributeValue.fromM(Map.of()),
            "deep",
            nestedMap(5),
            "ss",
            AttributeValue.fromSs(List.of("a", "b", "c,d")),
            "emptySs",
            AttributeValue.fromSs(List.of()),
            "emptyNs",
            AttributeValue.fromNs(List.of()),
            "emptyBs",
            AttributeValue.fromBs(List.of())));
    items.add(
        item(
            "id",
            s("text"),
            "unicode",
            s("Grüße, 日本語, emoji \uD83D\uDE00 and \uD83C\uDDE9\uD83C\uDDEA"),
            "controls",
            s("tab\tnewline\ncr\rquote\"backslash\\comma,nul\u0000unit\u001fdel\u007f"),
            "name with \"quotes\",\ttabs\nand \uD83D\uDE00",
            s("odd names"),
            "Item",
            s("an attribute called Item")));
    return items;
  }

  /** An item of about {@code size} bytes of JSON. */
  static Map<String, AttributeValue> large(int size) {
    char[] text = new char[size / 2];
    Arrays.fill(text, 'x');
    byte[] bytes = new byte[size / 4];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return item("id", s("large"), "text", s(new String(text)), "blob", b(bytes));
  }
}
