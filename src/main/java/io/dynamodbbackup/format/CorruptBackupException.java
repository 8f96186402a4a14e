package io.dynamodbbackup.format;

import java.io.IOException;

/**
 * A backup file holds something that is not a valid item line. The message reads {@code
 * <source>:<line>: <what is wrong>}, like a compiler's, so the user can open the file at that line.
 */
public final class CorruptBackupException extends IOException {

  private final String sourceName;
  private final long lineNumber;

  public CorruptBackupException(String sourceName, long lineNumber, String what, Throwable cause) {
    super(sourceName + ":" + lineNumber + ": " + what, cause);
    this.sourceName = sourceName;
    this.lineNumber = lineNumber;
  }

  /** The file, as named to the reader (for example its S3 URI). */
  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line the problem is on. */
  public long lineNumber() {
    return lineNumber;
  }
}
