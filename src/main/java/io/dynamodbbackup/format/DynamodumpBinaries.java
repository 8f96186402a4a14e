package io.dynamodbbackup.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * dynamodump's known defect, and its repair. Its restore Base64-decodes only the top-level {@code
 * B} values of an item before handing the item to boto3, which Base64-encodes every binary it is
 * given: a binary in a set ({@code BS}), a list or a map therefore reaches the table as the ASCII
 * Base64 text of its bytes. A dump of such a table (every table that a dynamodump restore filled)
 * then holds those values as Base64 of Base64, while its top-level {@code B} values are single
 * Base64. Decoding them once more gives the bytes that were backed up in the first place.
 */
public final class DynamodumpBinaries {

  private DynamodumpBinaries() {}

  /** How the binaries of a dump look, to decide whether it bears the defect. */
  public static final class Census {
    private long nested;
    private long nestedAsBase64;
    private long topLevel;
    private long topLevelAsBase64;

    /** Counts the binaries of {@code item}. */
    public void add(Map<String, AttributeValue> item) {
      for (AttributeValue value : item.values()) {
        if (value.b() != null) {
          topLevel++;
          if (isBase64Text(value.b().asByteArrayUnsafe())) {
            topLevelAsBase64++;
          }
        } else {
          countNested(value);
        }
      }
    }

    /**
     * Whether the dump bears the defect: it holds binaries in sets, lists or maps, every one of
     * which is Base64 text, and its top-level binaries, if any, are not all Base64 text too (an
     * application that stores Base64 text as binary would look the same everywhere).
     */
    public boolean doubled() {
      return nested > 0
          && nestedAsBase64 == nested
          && !(topLevel > 0 && topLevelAsBase64 == topLevel);
    }

    /** Whether some, but not all, binaries below the top level are Base64 text. */
    public boolean partlyDoubled() {
      return nestedAsBase64 > 0 && nestedAsBase64 < nested;
    }

    /** What was counted, for the log. */
    public String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "%d of %d binaries in sets, lists and maps are Base64 text; %d of %d top-level binaries",
          nestedAsBase64,
          nested,
          topLevelAsBase64,
          topLevel);
    }

    private void countNested(AttributeValue value) {
      if (value.b() != null) {
        nested++;
        if (isBase64Text(value.b().asByteArrayUnsafe())) {
          nestedAsBase64++;
        }
      } else if (value.hasBs()) {
        for (SdkBytes b : value.bs()) {
          nested++;
          if (isBase64Text(b.asByteArrayUnsafe())) {
            nestedAsBase64++;
          }
        }
      } else if (value.hasL()) {
        value.l().forEach(this::countNested);
      } else if (value.hasM()) {
        value.m().values().forEach(this::countNested);
      }
    }
  }

  /** {@code item} with every binary below its top level decoded once more. */
  public static Map<String, AttributeValue> repair(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> repaired = new LinkedHashMap<>();
    item.forEach((name, value) -> repaired.put(name, value.b() != null ? value : nested(value)));
    return repaired;
  }

  private static AttributeValue nested(AttributeValue value) {
    if (value.b() != null) {
      return AttributeValue.fromB(decode(value.b()));
    }
    if (value.hasBs()) {
      return AttributeValue.fromBs(value.bs().stream().map(DynamodumpBinaries::decode).toList());
    }
    if (value.hasL()) {
      List<AttributeValue> list = new ArrayList<>();
      value.l().forEach(v -> list.add(nested(v)));
      return AttributeValue.fromL(list);
    }
    if (value.hasM()) {
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      value.m().forEach((k, v) -> map.put(k, nested(v)));
      return AttributeValue.fromM(map);
    }
    return value;
  }

  private static SdkBytes decode(SdkBytes text) {
    return SdkBytes.fromByteArrayUnsafe(
        java.util.Base64.getDecoder().decode(text.asByteArrayUnsafe()));
  }

  /**
   * Whether {@code bytes} are canonical standard Base64, as Python's {@code base64.b64encode}
   * writes it: a multiple of four characters of the standard alphabet, {@code =} padding only at
   * the end, and no stray bits in the last character. Empty bytes are the Base64 of empty bytes.
   */
  static boolean isBase64Text(byte[] bytes) {
    int n = bytes.length;
    if (n % 4 != 0) {
      return false;
    }
    int padding = n > 0 && bytes[n - 1] == '=' ? (bytes[n - 2] == '=' ? 2 : 1) : 0;
    for (int i = 0; i < n - padding; i++) {
      if (value(bytes[i]) < 0) {
        return false;
      }
    }
    if (padding == 0) {
      return true;
    }
    // The last character before the padding must not carry bits beyond the encoded bytes.
    int last = value(bytes[n - padding - 1]);
    return padding == 1 ? (last & 0x3) == 0 : (last & 0xF) == 0;
  }

  private static int value(byte c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }
}
