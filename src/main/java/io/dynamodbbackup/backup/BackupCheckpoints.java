package io.dynamodbbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.manifest.BackupState;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.store.ObjectWriter;
import io.dynamodbbackup.store.StoredPart;
import io.dynamodbbackup.store.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.LongFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds a backup's checkpoint from what is stored now: the upload and its parts 1 to n, and each
 * segment's progress up to where those parts end. The parts are taken first, so every key recorded
 * is one whose items are all inside the parts recorded.
 */
final class BackupCheckpoints implements LongFunction<byte[]> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BackupState start;
  private final StoredParts parts;
  private final StoredChunks chunks;
  private final ObjectWriter writer;
  private final DoubleSupplier consumedReadCapacity;
  private final Clock clock;

  /**
   * @param start the backup's options and the parts it started from, as a checkpoint
   * @param consumedReadCapacity the read capacity consumed by this run and the ones it resumes
   */
  BackupCheckpoints(
      BackupState start,
      StoredParts parts,
      StoredChunks chunks,
      ObjectWriter writer,
      DoubleSupplier consumedReadCapacity,
      Clock clock) {
    this.start = start;
    this.parts = parts;
    this.chunks = chunks;
    this.writer = writer;
    this.consumedReadCapacity = consumedReadCapacity;
    this.clock = clock;
  }

  @Override
  public byte[] apply(long mark) {
    Upload upload = parts.upload();
    Map<Integer, StoredChunks.Progress> progress =
        chunks.storedUpTo(writer.chunksEndAt(upload.bytes()));
    List<BackupState.Part> stored = new ArrayList<>();
    for (StoredPart p : upload.parts()) {
      stored.add(new BackupState.Part(p.number(), p.bytes(), p.etag(), p.checksum()));
    }
    List<BackupState.Segment> segments = new ArrayList<>();
    long items = 0;
    for (Map.Entry<Integer, StoredChunks.Progress> e : progress.entrySet()) {
      segments.add(
          new BackupState.Segment(
              e.getKey(), e.getValue().items(), toJson(e.getValue().nextKey())));
      items += e.getValue().items();
    }
    return new BackupState(
            BackupState.FORMAT_VERSION,
            start.table(),
            start.dataKey(),
            start.format(),
            start.encoding(),
            start.compression(),
            start.finalNewline(),
            start.segments(),
            start.partSize(),
            start.maxPartSize(),
            start.partsPerStep(),
            upload.uploadId(),
            stored,
            segments,
            items,
            upload.bytes(),
            consumedReadCapacity.getAsDouble(),
            clock.now().toString())
        .toJson();
  }

  /** What a checkpoint's parts say the store holds. */
  static Upload upload(BackupState state) {
    List<StoredPart> parts = new ArrayList<>();
    for (BackupState.Part p : state.parts()) {
      parts.add(new StoredPart(p.number(), p.bytes(), p.etag(), p.checksum()));
    }
    return new Upload(state.uploadId(), parts);
  }

  /** Each segment's progress as a checkpoint records it. */
  static Map<Integer, StoredChunks.Progress> progress(BackupState state) throws IOException {
    Map<Integer, StoredChunks.Progress> progress = new TreeMap<>();
    for (BackupState.Segment s : state.progress()) {
      progress.put(s.segment(), new StoredChunks.Progress(fromJson(s.nextKey()), s.items()));
    }
    return progress;
  }

  /**
   * A key back from its typed JSON: a LastEvaluatedKey holds key attributes only, so strings,
   * numbers and binaries.
   */
  private static Map<String, AttributeValue> fromJson(JsonNode json) throws IOException {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      JsonNode value = field.getValue();
      if (value.size() != 1) {
        throw new IOException("the key attribute " + field.getKey() + " is not a typed value");
      }
      Map.Entry<String, JsonNode> typed = value.properties().iterator().next();
      String text = typed.getValue().asText();
      key.put(
          field.getKey(),
          switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(text);
            case "N" -> AttributeValue.fromN(text);
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text)));
            default ->
                throw new IOException(
                    "the key attribute " + field.getKey() + " has type " + typed.getKey());
          });
    }
    return key;
  }

  private static JsonNode toJson(Map<String, AttributeValue> key) {
    try {
      return JSON.readTree(ItemJson.toBytes(key));
    } catch (IOException e) {
      throw new UncheckedIOException("typed JSON of a key does not parse back", e);
    }
  }
}
