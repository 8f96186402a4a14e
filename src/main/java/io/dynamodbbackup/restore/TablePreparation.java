package io.dynamodbbackup.restore;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.schema.KeySchemaCheck;
import io.dynamodbbackup.schema.TableCreator;
import io.dynamodbbackup.source.LocatedBackup;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Gets the target table ready before a restore writes anything: creates it as the backup recorded
 * it, or checks that the existing one has the backup's keys and holds no items.
 */
final class TablePreparation {

  private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(30);

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final EventLog log;

  TablePreparation(DynamoDbClient dynamo, Retrier retrier, EventLog log) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.log = log;
  }

  /**
   * The table to write into, ready: created as {@code source} records it, or checked to exist with
   * the same keys and (unless allowed) no items.
   *
   * @throws JobFailedException naming the table and what to do, before anything is written
   */
  TableDescription prepare(RestorePlan plan, LocatedBackup source, String table, boolean resuming) {
    if (plan.createTable() && !(resuming && exists(table))) {
      if (source.schema() == null) {
        throw new JobFailedException(
            "cannot create table "
                + table
                + ": "
                + source.uri()
                + " records no table schema (only backups with a manifest do); create the table,"
                + " then restore without --create-table",
            null);
      }
      try {
        log.info("creating table " + table + " as recorded in the manifest");
        return new TableCreator(dynamo, retrier, log::info)
            .create(source.schema(), table, plan.billingMode(), TABLE_ACTIVE_TIMEOUT);
      } catch (ResourceInUseException e) {
        throw new JobFailedException(
            "cannot create table " + table + ": it already exists; restore without --create-table",
            e);
      } catch (RuntimeException e) {
        throw new JobFailedException(
            "cannot create table " + table + ": " + JobFailedException.reason(e), e);
      }
    }
    TableDescription target;
    try {
      target =
          retrier
              .call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)))
              .table();
    } catch (ResourceNotFoundException e) {
      throw new JobFailedException(
          "table "
              + table
              + " does not exist: create it, or give --create-table to create it as the backup"
              + " recorded",
          e);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot describe table " + table + ": " + JobFailedException.reason(e), e);
    }
    if (source.schema() != null) {
      Optional<String> mismatch = KeySchemaCheck.mismatch(source.schema(), target);
      if (mismatch.isPresent()) {
        throw new JobFailedException(
            "refusing to restore " + source.uri() + ": " + mismatch.get() + "; nothing was written",
            null);
      }
    }
    // A resumed restore goes on writing the table it was writing.
    if (!plan.allowExistingItems() && !resuming) {
      int count;
      try {
        count =
            retrier
                .call("Scan of table " + table, () -> dynamo.scan(r -> r.tableName(table).limit(1)))
                .count();
      } catch (RuntimeException e) {
        throw new JobFailedException(
            "cannot scan table " + table + ": " + JobFailedException.reason(e), e);
      }
      if (count > 0) {
        throw new JobFailedException(
            "table "
                + table
                + " already holds items; give --allow-existing-items to write into it anyway"
                + " (items with the same key are replaced); nothing was written",
            null);
      }
    }
    return target;
  }

  private boolean exists(String table) {
    try {
      retrier.call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }
}
