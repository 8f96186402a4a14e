package io.dynamodbbackup.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines in one reusable, growable buffer. A line ends at LF; a CR before
 * the LF is dropped; the last line needs no LF. The current line is {@code buffer()[lineStart() ..
 * lineStart() + lineLength())} and may be modified in place until {@link #next()} is called.
 */
final class LineReader {

  static final int MAX_LINE = 16 * 1024 * 1024;
  private static final int INITIAL_BUFFER = 64 * 1024;
  // Room for a longest line plus CR LF.
  private static final int MAX_BUFFER = MAX_LINE + 2;

  private final InputStream in;
  private final String sourceName;
  private byte[] buf = new byte[INITIAL_BUFFER];
  // Bytes read but not yet returned as a line are buf[start..end).
  private int start;
  private int end;
  private boolean eof;
  private int lineStart;
  private int lineLength;
  private long lineNumber;

  LineReader(InputStream in, String sourceName) {
    this.in = in;
    this.sourceName = sourceName;
  }

  /** Advances to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    int scan = start;
    while (true) {
      for (int i = scan; i < end; i++) {
        if (buf[i] == '\n') {
          setLine(start, i);
          start = i + 1;
          return true;
        }
      }
      scan = end;
      if (end - start > MAX_LINE + 1) {
        throw tooLong();
      }
      if (eof) {
        if (start == end) {
          return false;
        }
        setLine(start, end);
        start = end;
        return true;
      }
      if (end == buf.length) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          scan -= start;
          end -= start;
          start = 0;
        } else {
          buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BUFFER));
        }
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }
  }

  private void setLine(int from, int to) throws CorruptBackupException {
    lineNumber++;
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    if (to - from > MAX_LINE) {
      lineNumber--;
      throw tooLong();
    }
    lineStart = from;
    lineLength = to - from;
  }

  private CorruptBackupException tooLong() {
    return new CorruptBackupException(
        sourceName,
        lineNumber + 1,
        "line longer than " + (MAX_LINE >> 20) + " MiB; a DynamoDB item is at most 400 KB",
        null);
  }

  byte[] buffer() {
    return buf;
  }

  int lineStart() {
    return lineStart;
  }

  int lineLength() {
    return lineLength;
  }

  /** The 1-based number of the current line; 0 before the first. */
  long lineNumber() {
    return lineNumber;
  }
}
