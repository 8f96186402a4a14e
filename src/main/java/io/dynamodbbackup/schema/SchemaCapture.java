package io.dynamodbbackup.schema;

import io.dynamodbbackup.retry.CancelledException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * A table's schema while it is captured: DescribeTable has answered, and the settings that take
 * calls of their own (TTL, point-in-time recovery, tags) are still being read, so that a backup
 * scans meanwhile instead of waiting for them.
 */
public final class SchemaCapture {

  private final TableDescription description;
  private final CompletableFuture<TimeToLiveDescription> ttl;
  private final CompletableFuture<ContinuousBackupsDescription> pitr;
  private final CompletableFuture<Map<String, String>> tags;

  SchemaCapture(
      TableDescription description,
      CompletableFuture<TimeToLiveDescription> ttl,
      CompletableFuture<ContinuousBackupsDescription> pitr,
      CompletableFuture<Map<String, String>> tags) {
    this.description = description;
    this.ttl = ttl;
    this.pitr = pitr;
    this.tags = tags;
  }

  /** What DescribeTable said: keys, indexes, billing and size, without the other settings. */
  public TableSchema described() {
    return TableSchemaReader.toSchema(description, null, null, null);
  }

  /**
   * The whole schema, once the other settings are read. A setting the engine or the role does not
   * allow reading is null (and was reported); any other failure of its call is thrown here.
   */
  public TableSchema complete() throws InterruptedException {
    return TableSchemaReader.toSchema(description, get(ttl), get(pitr), get(tags));
  }

  /** {@link #complete()}, for a caller that has no use for the wait being interrupted. */
  TableSchema completeNow() {
    try {
      return complete();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException(
          "reading the settings of table " + description.tableName() + " was interrupted", e);
    }
  }

  private static <T> T get(CompletableFuture<T> setting) throws InterruptedException {
    try {
      return setting.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
