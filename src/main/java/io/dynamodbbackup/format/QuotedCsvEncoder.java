package io.dynamodbbackup.format;

/** {@code "{""id"":{""S"":""a""}}"} LF: the typed JSON as one RFC 4180 quoted CSV field. */
final class QuotedCsvEncoder implements ItemEncoder {

  @Override
  public void encode(byte[] json, int from, int to, LineBuffer out) {
    line(json, from, to, out, false);
  }

  @Override
  public void encodeCanonical(byte[] json, int from, int to, LineBuffer out) {
    line(json, from, to, out, true);
  }

  private static void line(byte[] json, int from, int to, LineBuffer out, boolean canonical) {
    out.put((byte) '"');
    if (canonical) {
      CanonicalJson.copyCanonical(json, from, to, out, true);
    } else {
      CanonicalJson.copy(json, from, to, out, true);
    }
    out.put((byte) '"');
    out.put((byte) '\n');
  }
}
