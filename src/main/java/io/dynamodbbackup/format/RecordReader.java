package io.dynamodbbackup.format;

import java.io.Closeable;
import java.io.IOException;

/** Reads one decompressed file's records, one a line. Not thread-safe: one reader per file. */
public interface RecordReader<T> extends Closeable {

  /** The next record, or null after the last. */
  T next() throws IOException;

  /** The line of the record last returned by {@link #next()}; 0 before the first. */
  long lineNumber();
}
