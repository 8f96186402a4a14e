package io.dynamodbbackup.dynamo;

/**
 * The items of one response exactly as DynamoDB sent them: each item is the typed JSON between two
 * offsets of the response body. Reading them costs no parsing and no objects per attribute.
 */
public final class RawItems {

  static final RawItems NONE = new RawItems(new byte[0], new int[0], 0);

  private final byte[] body;
  private final int[] spans;
  private final int count;

  /**
   * @param spans start and end offsets into {@code body}, two per item
   */
  RawItems(byte[] body, int[] spans, int count) {
    this.body = body;
    this.spans = spans;
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

  /** Just past item {@code i}'s closing brace. */
  public int end(int i) {
    return spans[2 * i + 1];
  }
}
