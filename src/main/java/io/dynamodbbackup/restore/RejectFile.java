package io.dynamodbbackup.restore;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynamodbbackup.dynamo.RejectedItems;
import io.dynamodbbackup.format.ItemJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
  public synchronized void reject(Map<String, AttributeValue> item, String error)
      throws IOException {
    if (out == null) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = new BufferedOutputStream(Files.newOutputStream(path));
    }
    try (JsonGenerator g = ItemJson.factory().createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("item");
      ItemJson.write(item, g);
      g.writeStringField("error", error);
      g.writeEndObject();
      g.writeRaw('\n');
    }
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
}
