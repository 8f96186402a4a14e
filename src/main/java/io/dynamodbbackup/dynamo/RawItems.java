package io.dynamodbbackup.dynamo;

/**
 * The items of one response exactly as DynamoDB sent them: each item is the typed JSON between two
 * offsets of the response body. Reading them costs no parsing and no objects per attribute.
 */
public final class RawItems {

  static final RawItems NONE = new RawItems(new byte[0], new int[0], new long[1], 0);

  private final byte[] body;
  private final int[] spans;
  private final long[] notCompact;
  private final int count;

  /**
   * @param spans start and end offsets into {@code body}, two per item
   * @param notCompact a bit set, one bit per item, set where the item is not {@link #compact}
   */
  RawItems(byte[] body, int[] spans, long[] notCompact, int count) {
    this.body = body;
    this.spans = spans;
    this.notCompact = notCompact;
    this.count = count;
  }

  public int count() {
    return count;
  }

  /** The response body the offsets point into; not copied, so read it and do not change it. */
  public byte[] body() {
    return body;
  }

  /** Where item {@code i}'s opening brace is. */
  public int start(int i) {
    return spans[2 * i];
  }

  /**
   * Whether item {@code i}'s bytes are already canonical JSON (as {@code JSON.stringify} writes
   * it): no whitespace outside strings and no {@code \/} or {@code \}{@code u} escape. DynamoDB
   * sends items this way, so their lines can be copied rather than rewritten.
   */
  public boolean compact(int i) {
    return (notCompact[i >> 6] & (1L << i)) == 0;
  }

  /** Just past item {@code i}'s closing brace. */
  public int end(int i) {
    return spans[2 * i + 1];
  }
}
