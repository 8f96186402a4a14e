package io.dynamodbbackup.format;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes one item as one whole line of a backup file, line end included, from the item's typed JSON
 * as DynamoDB sends it ({@link ItemJson#toBytes} gives the same for an item held as objects). The
 * line holds the canonical form of that JSON (see {@link CanonicalJson}). Implementations are
 * stateless and thread-safe.
 */
public interface ItemEncoder {

  /**
   * Appends the line of the item whose typed JSON is {@code json[from, to)}.
   *
   * @throws IllegalArgumentException when the JSON holds a malformed escape
   */
  void encode(byte[] json, int from, int to, LineBuffer out);

  /**
   * Appends the line of an item whose typed JSON is already in canonical form (no whitespace
   * outside strings, no escape that {@code JSON.stringify} writes otherwise), as DynamoDB sends
   * items: its bytes need copying, not rewriting.
   */
  default void encodeCanonical(byte[] json, int from, int to, LineBuffer out) {
    encode(json, from, to, out);
  }

  /** Appends the line of an item held as objects, by way of its typed JSON. */
  default void encode(Map<String, AttributeValue> item, LineBuffer out) {
    byte[] json = ItemJson.toBytes(item);
    encode(json, 0, json.length, out);
  }
}
