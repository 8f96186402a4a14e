package io.dynamodbbackup.format;

import java.util.Arrays;

/**
 * Strict standard Base64 decoding (padding required, no whitespace) that writes the bytes over the
 * text it decodes, so a line needs no second buffer: each group of 4 characters is read before its
 * 3 bytes are written, and the write position never passes the read position.
 */
final class Base64InPlace {

  // Constant lookup table, filled once: the value of each Base64 character, -1 for the others.
  private static final byte[] VALUES = new byte[256];

  static {
    Arrays.fill(VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private Base64InPlace() {}

  /**
   * Decodes {@code b[off .. off + len)} into {@code b[off ..]} and returns the decoded length.
   *
   * @throws IllegalArgumentException naming the first problem, with a 1-based column
   */
  static int decode(byte[] b, int off, int len) {
    if (len % 4 != 0) {
      throw new IllegalArgumentException(len + " characters is not a multiple of 4");
    }
    int end = off + len;
    int padding = 0;
    if (len > 0 && b[end - 1] == '=') {
      padding = b[end - 2] == '=' ? 2 : 1;
    }
    int w = off;
    for (int i = off; i < end; i += 4) {
      int significant = i + 4 == end ? 4 - padding : 4;
      int group = 0;
      for (int k = 0; k < 4; k++) {
        int value = 0;
        if (k < significant) {
          value = VALUES[b[i + k] & 0xff];
          if (value < 0) {
            throw new IllegalArgumentException(
                "unexpected character at column " + (i + k - off + 1));
          }
        }
        group = (group << 6) | value;
      }
      b[w++] = (byte) (group >> 16);
      if (significant > 2) {
        b[w++] = (byte) (group >> 8);
      }
      if (significant > 3) {
        b[w++] = (byte) group;
      }
    }
    return w - off;
  }
}
