package io.dynamodbbackup.format;

/** {@code "{""id"":{""S"":""a""}}"} LF: the typed JSON as one RFC 4180 quoted CSV field. */
final class QuotedCsvEncoder implements ItemEncoder {

  @Override
  public void encode(byte[] json, int from, int to, LineBuffer out) {
    out.put((byte) '"');
    CanonicalJson.copy(json, from, to, out, true);
    out.put((byte) '"');
    out.put((byte) '\n');
  }

  @Override
  public void encodeCanonical(byte[] json, int from, int to, LineBuffer out) {
    out.put((byte) '"');
    CanonicalJson.copyCanonical(json, from, to, out, true);
    out.put((byte) '"');
    out.put((byte) '\n');
  }
}
