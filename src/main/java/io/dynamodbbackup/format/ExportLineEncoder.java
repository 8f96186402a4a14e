package io.dynamodbbackup.format;

import java.nio.charset.StandardCharsets;

/** {@code {"Item":<typed JSON>}} LF: the line of AWS Export to S3 in DYNAMODB_JSON format. */
final class ExportLineEncoder implements ItemEncoder {

  private static final byte[] START = "{\"Item\":".getBytes(StandardCharsets.US_ASCII);

  @Override
  public void encode(byte[] json, int from, int to, LineBuffer out) {
    line(json, from, to, out, false);
  }

  @Override
  public void encodeCanonical(byte[] json, int from, int to, LineBuffer out) {
    line(json, from, to, out, true);
  }

  private static void line(byte[] json, int from, int to, LineBuffer out, boolean canonical) {
    out.put(START, 0, START.length);
    if (canonical) {
      CanonicalJson.copyCanonical(json, from, to, out, false);
    } else {
      CanonicalJson.copy(json, from, to, out, false);
    }
    out.put((byte) '}');
    out.put((byte) '\n');
  }
}
