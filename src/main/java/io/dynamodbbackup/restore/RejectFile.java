package io.dynamodbbackup.restore;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.dynamodbbackup.dynamo.RawWrite;
import io.dynamodbbackup.dynamo.RejectedItems;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local file of items DynamoDB refused, one JSON line each: {@code {"item":{typed
 * JSON},"error":"..."}}. Created on the first reject, so a clean restore leaves no file.
 */
final class RejectFile implements RejectedItems, AutoCloseable {

  private final Path path;
  private OutputStream out;
  private long count;

  RejectFile(Path path) {
    this.path = path;
  }

  @Override
  public synchronized void reject(RawWrite write, String error) throws IOException {
    if (out == null) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = new BufferedOutputStream(Files.newOutputStream(path));
    }
    out.write(utf8("{\"item\":"));
    out.write(write.json());
    out.write(utf8(",\"error\":\""));
    out.write(JsonStringEncoder.getInstance().quoteAsUTF8(error));
    out.write(utf8("\"}\n"));
    count++;
  }

  /** The file, or null when nothing was rejected. */
  synchronized Path pathIfWritten() {
    return count == 0 ? null : path;
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
