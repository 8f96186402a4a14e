package io.dynamodbbackup.format;

/**
 * Copies typed JSON as DynamoDB sent it into the exact bytes {@link ItemJson} writes for the same
 * item, without building the item: whitespace outside strings goes, and inside strings every escape
 * is rewritten the way {@code JSON.stringify} writes it (only {@code "}, {@code \} and control
 * characters escaped, control characters as {@code \n}-style or lower-case {@code \}{@code u00xx}
 * escapes, everything else as UTF-8). Attribute order and number strings stay as they were.
 *
 * <p>The canonical form is never longer than the input, so {@code 2 * length} bytes of room are
 * always enough even when every quote is doubled.
 */
final class CanonicalJson {

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private CanonicalJson() {}

  /**
   * Appends {@code src[from, to)} to {@code out} in canonical form, writing each {@code "} twice
   * when {@code doubleQuotes} (a CSV field's quoting).
   *
   * @throws IllegalArgumentException on a malformed escape
   */
  static void copy(byte[] src, int from, int to, LineBuffer out, boolean doubleQuotes) {
    out.ensure(2 * (to - from));
    byte[] dst = out.buf;
    int p = out.count;
    int i = from;
    boolean inString = false;
    while (i < to) {
      byte b = src[i++];
      if (b == '"') {
        inString = !inString;
        dst[p++] = '"';
        if (doubleQuotes) {
          dst[p++] = '"';
        }
      } else if (!inString) {
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          dst[p++] = b;
        }
      } else if (b != '\\') {
        dst[p++] = b;
      } else {
        if (i >= to) {
          throw malformed(src, i);
        }
        byte e = src[i++];
        switch (e) {
          case '"' -> {
            dst[p++] = '\\';
            dst[p++] = '"';
            if (doubleQuotes) {
              dst[p++] = '"';
            }
          }
          case '\\', 'b', 'f', 'n', 'r', 't' -> {
            dst[p++] = '\\';
            dst[p++] = e;
          }
          case '/' -> dst[p++] = '/';
          case 'u' -> {
            int c = hex4(src, i, to);
            i += 4;
            if (Character.isHighSurrogate((char) c)
                && i + 6 <= to
                && src[i] == '\\'
                && src[i + 1] == 'u') {
              int low = hex4(src, i + 2, to);
              if (Character.isLowSurrogate((char) low)) {
                c = Character.toCodePoint((char) c, (char) low);
                i += 6;
              }
            }
            p = writeCodePoint(c, dst, p, doubleQuotes);
          }
          default -> throw malformed(src, i - 1);
        }
      }
    }
    out.count = p;
  }

  /**
   * Appends {@code src[from, to)}, already in canonical form, writing each {@code "} twice when
   * {@code doubleQuotes}: a copy, with nothing to rewrite.
   */
  static void copyCanonical(byte[] src, int from, int to, LineBuffer out, boolean doubleQuotes) {
    if (!doubleQuotes) {
      out.put(src, from, to - from);
      return;
    }
    out.ensure(2 * (to - from));
    byte[] dst = out.buf;
    int p = out.count;
    for (int i = from; i < to; i++) {
      byte b = src[i];
      dst[p++] = b;
      if (b == '"') {
        dst[p++] = b;
      }
    }
    out.count = p;
  }

  private static int writeCodePoint(int c, byte[] dst, int p, boolean doubleQuotes) {
    if (c < 0x20) {
      dst[p++] = '\\';
      switch (c) {
        case '\b' -> dst[p++] = 'b';
        case '\t' -> dst[p++] = 't';
        case '\n' -> dst[p++] = 'n';
        case '\f' -> dst[p++] = 'f';
        case '\r' -> dst[p++] = 'r';
        default -> {
          dst[p++] = 'u';
          dst[p++] = '0';
          dst[p++] = '0';
          dst[p++] = HEX[c >> 4];
          dst[p++] = HEX[c & 0xF];
        }
      }
    } else if (c == '"') {
      dst[p++] = '\\';
      dst[p++] = '"';
      if (doubleQuotes) {
        dst[p++] = '"';
      }
    } else if (c == '\\') {
      dst[p++] = '\\';
      dst[p++] = '\\';
    } else if (c < 0x80) {
      dst[p++] = (byte) c;
    } else if (c < 0x800) {
      dst[p++] = (byte) (0xC0 | (c >> 6));
      dst[p++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isSurrogate((char) c) && c < 0x10000) {
      // A lone surrogate has no UTF-8 form; keep it escaped, as JSON.stringify does.
      dst[p++] = '\\';
      dst[p++] = 'u';
      dst[p++] = HEX[c >> 12];
      dst[p++] = HEX[(c >> 8) & 0xF];
      dst[p++] = HEX[(c >> 4) & 0xF];
      dst[p++] = HEX[c & 0xF];
    } else if (c < 0x10000) {
      dst[p++] = (byte) (0xE0 | (c >> 12));
      dst[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      dst[p++] = (byte) (0x80 | (c & 0x3F));
    } else {
      dst[p++] = (byte) (0xF0 | (c >> 18));
      dst[p++] = (byte) (0x80 | ((c >> 12) & 0x3F));
      dst[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      dst[p++] = (byte) (0x80 | (c & 0x3F));
    }
    return p;
  }

  private static int hex4(byte[] src, int i, int to) {
    if (i + 4 > to) {
      throw malformed(src, i);
    }
    int c = 0;
    for (int k = i; k < i + 4; k++) {
      int d = Character.digit(src[k], 16);
      if (d < 0) {
        throw malformed(src, k);
      }
      c = (c << 4) | d;
    }
    return c;
  }

  private static IllegalArgumentException malformed(byte[] src, int at) {
    return new IllegalArgumentException("malformed escape in a string at byte " + at);
  }
}
