package io.dynamodbbackup.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item as the strict typed JSON DynamoDB takes, and its key: the JSON of its key attributes'
 * values one after another, enough to tell two items' keys apart without parsing them. Owned by
 * whoever holds it; the arrays are not copied.
 *
 * @param key null when the item lacks a key attribute (DynamoDB will refuse it)
 */
public record ItemBytes(byte[] json, byte[] key) {

  /** The item as objects: the slow way, for the few items that need looking into. */
  public Map<String, AttributeValue> item() throws IOException {
    return ItemJsonReader.parse(json);
  }

  /** The UTF-8 names, as the readers take them. */
  public static byte[][] names(List<String> keyNames) {
    byte[][] names = new byte[keyNames.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = keyNames.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return names;
  }

  /**
   * The item in {@code json}, which must be strict typed JSON, with the key of {@code keyNames}.
   *
   * @throws IllegalArgumentException when it is not
   */
  public static ItemBytes of(byte[] json, byte[][] keyNames) {
    int[] spans = StrictItemJson.scan(json, 0, json.length, keyNames);
    if (spans == null) {
      throw new IllegalArgumentException(
          "not strict typed JSON: " + new String(json, StandardCharsets.UTF_8));
    }
    return new ItemBytes(json, key(json, spans));
  }

  /**
   * The key values' JSON joined by NUL bytes, which JSON text never holds; null if one is absent.
   */
  static byte[] key(byte[] b, int[] spans) {
    int length = 0;
    for (int i = 0; i < spans.length; i += 2) {
      if (spans[i] < 0) {
        return null;
      }
      length += spans[i + 1] - spans[i] + 1;
    }
    byte[] key = new byte[length];
    int p = 0;
    for (int i = 0; i < spans.length; i += 2) {
      int n = spans[i + 1] - spans[i];
      System.arraycopy(b, spans[i], key, p, n);
      p += n + 1;
    }
    return key;
  }
}
