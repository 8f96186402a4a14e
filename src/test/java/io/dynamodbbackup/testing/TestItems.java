package io.dynamodbbackup.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deterministic items that use every DynamoDB type, keyed by {@code pk} (S) with a numeric {@code
 * sk} (N). Numbers are written in the form DynamoDB returns them, so items read back compare equal.
 */
public final class TestItems {
  /** Strings that break naive CSV, JSON and line-based formats. */
  private static final List<String> AWKWARD_STRINGS =
      List.of(
          "plain",
          "",
          "comma, \"quotes\" and 'apostrophes'",
          "line one\nline two\r\nline three",
          "tab\there, backslash \\ and slash /",
          "unicode: Grüße, 日本語, Ελληνικά, עברית",
          "emoji: \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD",
          "{\"looks\":\"like json\"}");

  private static final List<String> AWKWARD_NUMBERS =
      List.of(
          "0",
          "-1",
          "12345678901234567890123456789012345678",
          "-0.12345678901234567890123456789012345678",
          "3.14159265358979323846264338327950288",
          // The extremes DynamoDB allows, in the plain form dynalite returns them.
          new BigDecimal("1E+125").toPlainString(),
          new BigDecimal("1E-130").toPlainString(),
          new BigDecimal("-9.9999999999999999999999999999999999999E+125").toPlainString());

  private TestItems() {}

  /** {@code count} items with every attribute type; the same seed gives the same items. */
  public static List<Map<String, AttributeValue>> everyType(long seed, int count) {
    Random random = new Random(seed);
    List<Map<String, AttributeValue>> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(everyType(random, i));
    }
    return items;
  }

  private static Map<String, AttributeValue> everyType(Random random, int index) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(
        "pk", s(String.format("item-%06d-%s", index, index % 7 == 0 ? "ключ-\uD83D\uDD11" : "k")));
    item.put("sk", n(Integer.toString(index)));
    item.put("s", s(pick(random, AWKWARD_STRINGS)));
    item.put("empty", s(""));
    item.put("n", n(pick(random, AWKWARD_NUMBERS)));
    item.put("b", b(allBytes(random)));
    item.put("bool", AttributeValue.fromBool(random.nextBoolean()));
    item.put("null", AttributeValue.fromNul(true));
    item.put(
        "l",
        AttributeValue.fromL(
            List.of(
                s(pick(random, AWKWARD_STRINGS)),
                n(pick(random, AWKWARD_NUMBERS)),
                b(bytes(random, 3)))));
    item.put(
        "m",
        AttributeValue.fromM(
            Map.of(
                "nested",
                AttributeValue.fromM(
                    Map.of(
                        "deep", s("deep " + index),
                        "list", AttributeValue.fromL(List.of(AttributeValue.fromBool(true))))),
                "n",
                n(Integer.toString(random.nextInt())))));
    item.put("ss", AttributeValue.fromSs(List.of("a", "b, c", "\uD83D\uDE00 " + index)));
    item.put("ns", AttributeValue.fromNs(List.of("1", "-2.5", AWKWARD_NUMBERS.get(2))));
    item.put(
        "bs",
        AttributeValue.fromBs(
            List.of(
                SdkBytes.fromByteArray(new byte[] {0}), SdkBytes.fromByteArray(bytes(random, 8)))));
    return item;
  }

  /** {@code count} items of about 100 bytes: a key, a number, a short string and a flag. */
  public static List<Map<String, AttributeValue>> small(long seed, int count) {
    Random random = new Random(seed);
    List<Map<String, AttributeValue>> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("pk", s(String.format("small-%09d", i)));
      item.put("n", n(Long.toString(random.nextLong())));
      item.put(
          "s",
          s(Long.toString(random.nextLong(), 36) + " " + Long.toString(random.nextLong(), 36)));
      item.put("ok", AttributeValue.builder().bool(random.nextBoolean()).build());
      items.add(item);
    }
    return items;
  }

  /** An item's key as {@code pk/sk}, for items keyed like {@link #everyType}'s. */
  public static String key(Map<String, AttributeValue> item) {
    return item.get("pk").s() + "/" + item.get("sk").n();
  }

  /** Items by {@link #key}, each sorted by attribute name, to compare tables item for item. */
  public static Map<String, Map<String, AttributeValue>> byKey(
      List<Map<String, AttributeValue>> items) {
    Map<String, Map<String, AttributeValue>> map = new TreeMap<>();
    items.forEach(i -> map.put(key(i), new TreeMap<>(i)));
    return map;
  }

  /**
   * {@link #small} items with a numeric {@code sk} (their index), for tables keyed like {@link
   * #everyType}'s: plain values, which moto's ImportTable parser reads (it trips on the awkward
   * strings of {@link #everyType}).
   */
  public static List<Map<String, AttributeValue>> plain(long seed, int count) {
    List<Map<String, AttributeValue>> items = new ArrayList<>(count);
    for (Map<String, AttributeValue> item : small(seed, count)) {
      Map<String, AttributeValue> keyed = new LinkedHashMap<>(item);
      keyed.put("sk", n(Integer.toString(items.size())));
      items.add(keyed);
    }
    return items;
  }

  /**
   * An item of about {@code approximateBytes} (DynamoDB allows 400 KB; 350 KB makes a few items
   * fill a page or a part), mostly in one binary and one string attribute.
   */
  public static Map<String, AttributeValue> large(long seed, int index, int approximateBytes) {
    Random random = new Random(seed * 31 + index);
    int half = approximateBytes / 2;
    StringBuilder text = new StringBuilder(half);
    while (text.length() < half) {
      text.append(pick(random, AWKWARD_STRINGS)).append(' ');
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", s(String.format("large-%06d", index)));
    item.put("sk", n(Integer.toString(index)));
    // Cut on a whitespace so no surrogate pair is split.
    item.put("text", s(text.substring(0, text.lastIndexOf(" ", half))));
    item.put("blob", b(bytes(random, half)));
    return item;
  }

  private static byte[] allBytes(Random random) {
    byte[] bytes = new byte[256 + random.nextInt(16)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i < 256 ? i : random.nextInt(256));
    }
    return bytes;
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }
}
