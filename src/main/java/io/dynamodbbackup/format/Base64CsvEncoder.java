package io.dynamodbbackup.format;

import java.util.Base64;

/** Standard padded Base64 of the UTF-8 typed JSON, then LF: the original tool's final line. */
final class Base64CsvEncoder implements ItemEncoder {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  @Override
  public void encode(byte[] json, int from, int to, LineBuffer out) {
    LineBuffer canonical = new LineBuffer(2 * (to - from));
    CanonicalJson.copy(json, from, to, canonical, false);
    byte[] plain =
        canonical.size() == canonical.buf.length
            ? canonical.buf
            : java.util.Arrays.copyOf(canonical.buf, canonical.size());
    byte[] encoded = BASE64.encode(plain);
    out.put(encoded, 0, encoded.length);
    out.put((byte) '\n');
  }
}
