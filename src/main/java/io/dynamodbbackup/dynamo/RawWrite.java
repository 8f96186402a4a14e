package io.dynamodbbackup.dynamo;

import java.nio.charset.StandardCharsets;

/**
 * One put or delete of a BatchWriteItem, carried as the typed JSON the request sends: the item put,
 * or the key deleted.
 *
 * @param json the item or key as typed JSON
 * @param key what tells two writes' keys apart (the JSON of the key attributes' values); null when
 *     not known, which never counts as a repeat
 */
public record RawWrite(boolean isPut, byte[] json, byte[] key) {

  private static final byte[] PUT = utf8("{\"PutRequest\":{\"Item\":");
  private static final byte[] DELETE = utf8("{\"DeleteRequest\":{\"Key\":");
  private static final int END = 2;

  public static RawWrite put(byte[] item, byte[] key) {
    return new RawWrite(true, item, key);
  }

  public static RawWrite delete(byte[] keyJson, byte[] key) {
    return new RawWrite(false, keyJson, key);
  }

  /** The bytes of this write's entry in a BatchWriteItem request. */
  int entryLength() {
    return (isPut ? PUT.length : DELETE.length) + json.length + END;
  }

  /** Writes this write's entry into {@code out} at {@code at}; returns where it ends. */
  int writeEntry(byte[] out, int at) {
    byte[] start = isPut ? PUT : DELETE;
    System.arraycopy(start, 0, out, at, start.length);
    at += start.length;
    System.arraycopy(json, 0, out, at, json.length);
    at += json.length;
    out[at++] = '}';
    out[at++] = '}';
    return at;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
