package io.dynamodbbackup.format;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Checks, without building anything, that bytes are exactly one item in the strict typed JSON this
 * tool writes (every value an object of one type tag, numbers and binaries as strings), and finds
 * the values of named top-level attributes on the way. What passes can be sent to DynamoDB as it
 * is; anything else (a peer's looser shapes, or damage) takes the full reader, which repairs what
 * it can and names the column of what it cannot.
 */
final class StrictItemJson {

  private final byte[] b;
  private final int end;
  private final byte[][] names;
  private final int[] spans;
  private int pos;

  private StrictItemJson(byte[] b, int off, int len, byte[][] names) {
    this.b = b;
    this.pos = off;
    this.end = off + len;
    this.names = names;
    this.spans = new int[2 * names.length];
  }

  /**
   * The spans (start, end) of the values of {@code names} (UTF-8) at the top level of the item in
   * {@code b[off, off + len)}, in the order of {@code names}, -1 for those absent; or null when the
   * bytes are not strict typed JSON.
   */
  static int[] scan(byte[] b, int off, int len, byte[][] names) {
    StrictItemJson scan = new StrictItemJson(b, off, len, names);
    Arrays.fill(scan.spans, -1);
    try {
      if (!scan.item(true) || scan.pos != scan.end) {
        return null;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      return null;
    }
    return scan.spans;
  }

  private boolean item(boolean top) {
    if (!take('{')) {
      return false;
    }
    if (peek() == '}') {
      pos++;
      return true;
    }
    do {
      int nameStart = pos;
      if (!string() || !take(':')) {
        return false;
      }
      int valueStart = pos;
      if (!typedValue()) {
        return false;
      }
      if (top) {
        record(nameStart, valueStart);
      }
    } while (take(','));
    return take('}');
  }

  private void record(int nameStart, int valueStart) {
    for (int i = 0; i < names.length; i++) {
      if (spans[2 * i] < 0 && nameIs(nameStart, valueStart - 1, names[i])) {
        spans[2 * i] = valueStart;
        spans[2 * i + 1] = pos;
      }
    }
  }

  /**
   * Whether the quoted name in {@code b[start, colon)} is {@code name}. A name written with escapes
   * does not match, so its item's key is not found and the item takes the full reader.
   */
  private boolean nameIs(int start, int colon, byte[] name) {
    return Arrays.equals(b, start + 1, colon - 1, name, 0, name.length);
  }

  private boolean typedValue() {
    if (!take('{') || peek() != '"') {
      return false;
    }
    int tagStart = pos + 1;
    if (!string() || !take(':')) {
      return false;
    }
    int tagLength = pos - 2 - tagStart;
    boolean ok =
        switch (tagLength) {
          case 1 ->
              switch (b[tagStart]) {
                case 'S', 'N', 'B' -> string();
                case 'M' -> item(false);
                case 'L' -> array(this::typedValue);
                default -> false;
              };
          case 2 ->
              b[tagStart + 1] == 'S'
                  && (b[tagStart] == 'S' || b[tagStart] == 'N' || b[tagStart] == 'B')
                  && array(this::string);
          case 4 -> (is(tagStart, "BOOL") || is(tagStart, "NULL")) && bool();
          default -> false;
        };
    return ok && take('}');
  }

  private boolean is(int at, String tag) {
    for (int i = 0; i < tag.length(); i++) {
      if (b[at + i] != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** An array whose every element passes {@code element}. */
  private boolean array(BooleanSupplier element) {
    if (!take('[')) {
      return false;
    }
    if (peek() == ']') {
      pos++;
      return true;
    }
    do {
      if (!element.getAsBoolean()) {
        return false;
      }
    } while (take(','));
    return take(']');
  }

  private boolean bool() {
    if (matches("true")) {
      pos += 4;
      return true;
    }
    if (matches("false")) {
      pos += 5;
      return true;
    }
    return false;
  }

  private boolean matches(String word) {
    if (pos + word.length() > end) {
      return false;
    }
    return is(pos, word);
  }

  /** A string with its escapes; raw control characters are not JSON. */
  private boolean string() {
    if (!take('"')) {
      return false;
    }
    while (pos < end) {
      byte c = b[pos++];
      if (c == '"') {
        return true;
      }
      if (c == '\\') {
        pos++;
      } else if (c >= 0 && c < 0x20) {
        return false;
      }
    }
    return false;
  }

  private byte peek() {
    return pos < end ? b[pos] : 0;
  }

  private boolean take(char c) {
    if (pos < end && b[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }
}
