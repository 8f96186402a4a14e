package io.dynamodbbackup.store;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One small object that says how far an interrupted job got, kept where the next run will find it
 * even if this machine is gone: in the bucket for S3, beside the file for a local one. Each write
 * replaces it whole (a PutObject, or a rename), so a reader sees one checkpoint or the one before.
 */
public interface StateObject {

  Optional<byte[]> read() throws IOException;

  void write(byte[] bytes) throws IOException;

  void delete() throws IOException;

  /**
   * Deletes it when it is no longer needed. A failure is not the job's: it is handed to {@code
   * warn} as one line that names the object and ends with {@code advice}.
   */
  default void deleteOrWarn(Consumer<String> warn, String advice) {
    try {
      delete();
    } catch (IOException | RuntimeException e) {
      warn.accept("could not delete " + uri() + " (" + e.getMessage() + "); " + advice);
    }
  }

  /** Where it is, for messages. */
  String uri();
}
