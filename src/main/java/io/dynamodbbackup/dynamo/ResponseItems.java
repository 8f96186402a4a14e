package io.dynamodbbackup.dynamo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the item array in a DynamoDB JSON response body without parsing the items: it follows only
 * the structure (objects, arrays, strings) to find where each item starts and ends. What it returns
 * besides the items is the body with that array emptied, small enough for the SDK to parse the rest
 * of the response (counts, keys, capacity) as usual.
 */
final class ResponseItems {

  /** The items of {@code field} and the body without them. */
  record Split(RawItems items, byte[] rest) {}

  private static final byte[] PUT_REQUEST = "PutRequest".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DELETE_REQUEST = "DeleteRequest".getBytes(StandardCharsets.UTF_8);

  private final byte[] body;
  private int pos;

  private ResponseItems(byte[] body) {
    this.body = body;
  }

  /**
   * Splits the array of items under the top-level {@code field} from {@code body}: Scan's {@code
   * Items}, or BatchWriteItem's {@code UnprocessedItems}, an object holding one table's array. A
   * body without that field gives no items and itself.
   *
   * @throws IllegalArgumentException when the body is not one JSON object
   */
  static Split split(byte[] body, String field) {
    return new ResponseItems(body).split(field.getBytes(StandardCharsets.UTF_8));
  }

  private Split split(byte[] field) {
    skipWhitespace();
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      return new Split(RawItems.NONE, body);
    }
    while (true) {
      skipWhitespace();
      int nameStart = pos;
      skipString();
      boolean wanted = isName(nameStart, field);
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (wanted) {
        int valueStart = pos;
        boolean byTable = peek() == '{';
        RawItems items = byTable ? readTable() : readArray();
        byte[] rest = new byte[body.length - (pos - valueStart) + 2];
        System.arraycopy(body, 0, rest, 0, valueStart);
        rest[valueStart] = (byte) (byTable ? '{' : '[');
        rest[valueStart + 1] = (byte) (byTable ? '}' : ']');
        System.arraycopy(body, pos, rest, valueStart + 2, body.length - pos);
        return new Split(items, rest);
      }
      skipValue();
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        return new Split(RawItems.NONE, body);
      }
    }
  }

  /** BatchWriteItem's {@code {"table":[...]}}, for the one table this tool writes at a time. */
  private RawItems readTable() {
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return RawItems.NONE;
    }
    skipString();
    skipWhitespace();
    expect(':');
    skipWhitespace();
    RawItems items = readArray();
    skipWhitespace();
    expect('}');
    return items;
  }

  /**
   * The write in one entry of BatchWriteItem's request or UnprocessedItems, {@code
   * {"PutRequest":{"Item":{...}}}} or {@code {"DeleteRequest":{"Key":{...}}}}.
   */
  static RawWrite write(byte[] body, int start) {
    ResponseItems entry = new ResponseItems(body);
    entry.pos = start;
    return entry.readWrite();
  }

  private RawWrite readWrite() {
    skipWhitespace();
    expect('{');
    skipWhitespace();
    int nameStart = pos;
    skipString();
    boolean put = isName(nameStart, PUT_REQUEST);
    if (!put && !isName(nameStart, DELETE_REQUEST)) {
      throw malformed("PutRequest or DeleteRequest");
    }
    skipWhitespace();
    expect(':');
    skipWhitespace();
    expect('{');
    skipWhitespace();
    skipString();
    skipWhitespace();
    expect(':');
    skipWhitespace();
    int valueStart = pos;
    skipValue();
    byte[] json = Arrays.copyOfRange(body, valueStart, pos);
    return put ? RawWrite.put(json, null) : RawWrite.delete(json, null);
  }

  private RawItems readArray() {
    expect('[');
    int[] spans = new int[64];
    long[] notCompact = new long[1];
    int count = 0;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new RawItems(body, spans, notCompact, 0);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '{') {
        throw malformed("an item object");
      }
      if (2 * count + 2 > spans.length) {
        spans = Arrays.copyOf(spans, spans.length * 2);
      }
      if (count >> 6 >= notCompact.length) {
        notCompact = Arrays.copyOf(notCompact, notCompact.length * 2);
      }
      spans[2 * count] = pos;
      if (!skipValue()) {
        notCompact[count >> 6] |= 1L << count;
      }
      spans[2 * count + 1] = pos;
      count++;
      skipWhitespace();
      byte b = next();
      if (b == ']') {
        return new RawItems(body, spans, notCompact, count);
      }
      if (b != ',') {
        throw malformed("',' or ']'");
      }
    }
  }

  private boolean isName(int nameStart, byte[] field) {
    int length = pos - nameStart;
    // A quoted name with no escapes: DynamoDB's own field names never have any.
    return length == field.length + 2
        && Arrays.equals(body, nameStart + 1, pos - 1, field, 0, field.length);
  }

  /**
   * Skips one value of any kind: brackets count except inside strings, and a scalar ends where a
   * delimiter starts. One tight loop: every byte of every item passes through it.
   *
   * @return whether the value is compact: no whitespace outside its strings and no escape that
   *     {@code JSON.stringify} would write otherwise ({@code \/} or {@code \}{@code u}), so that
   *     its bytes are already the canonical form
   */
  private boolean skipValue() {
    byte[] b = body;
    int p = pos;
    int depth = 0;
    boolean compact = true;
    try {
      do {
        byte c = b[p++];
        if (c == '"') {
          byte d;
          while ((d = b[p++]) != '"') {
            if (d == '\\') {
              byte e = b[p++];
              if (e == 'u' || e == '/') {
                compact = false;
              }
            }
          }
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          compact = false;
        }
      } while (depth > 0 || (p < b.length && !isDelimiter(b[p])));
    } catch (ArrayIndexOutOfBoundsException e) {
      pos = b.length;
      throw malformed("more");
    }
    pos = p;
    return compact;
  }

  private static boolean isDelimiter(byte b) {
    return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private void skipString() {
    expect('"');
    while (true) {
      byte b = next();
      if (b == '\\') {
        pos++;
      } else if (b == '"') {
        return;
      }
    }
  }

  private void skipWhitespace() {
    while (pos < body.length) {
      byte b = body[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  private byte peek() {
    if (pos >= body.length) {
      throw malformed("more");
    }
    return body[pos];
  }

  private byte next() {
    byte b = peek();
    pos++;
    return b;
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw malformed("'" + c + "'");
    }
  }

  private IllegalArgumentException malformed(String expected) {
    return new IllegalArgumentException(
        "unexpected response body from DynamoDB: expected " + expected + " at byte " + pos);
  }
}
