package io.dynamodbbackup.format;

import java.io.IOException;
import java.io.InputStream;

/** What the readers of one-record-a-line files share: the line reader, its file and its name. */
abstract class LineRecordReader<T> implements RecordReader<T> {

  private final InputStream in;
  final String sourceName;
  final LineReader lines;

  LineRecordReader(InputStream uncompressedBytes, String sourceName) {
    this.in = uncompressedBytes;
    this.sourceName = sourceName;
    this.lines = new LineReader(uncompressedBytes, sourceName);
  }

  /** The line of the record last returned by {@link #next()}; 0 before the first. */
  @Override
  public long lineNumber() {
    return lines.lineNumber();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Whether the current line holds nothing but spaces, tabs and a CR. */
  boolean isBlank() {
    byte[] b = lines.buffer();
    int end = lines.lineStart() + lines.lineLength();
    for (int i = lines.lineStart(); i < end; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
