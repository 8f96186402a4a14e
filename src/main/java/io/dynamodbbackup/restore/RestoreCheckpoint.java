package io.dynamodbbackup.restore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * How far a restore got: every item before {@code itemsWritten} (in the order the source holds
 * them) is in the table. Written while the restore runs, read by {@code restore --resume}.
 *
 * @param source the backup restored, as a URI
 * @param table the table written
 * @param itemsWritten the items at the start of the source known to be written
 * @param updatedAt when this checkpoint was written, ISO-8601
 */
record RestoreCheckpoint(
    int formatVersion, String source, String table, long itemsWritten, String updatedAt) {

  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a restore checkpoint", e);
    }
  }

  static RestoreCheckpoint parse(byte[] json, String where) throws IOException {
    RestoreCheckpoint c = JSON.readValue(json, RestoreCheckpoint.class);
    if (c.source() == null || c.table() == null || c.itemsWritten() < 0) {
      throw new IOException(where + " is not a restore checkpoint of this tool");
    }
    return c;
  }
}
