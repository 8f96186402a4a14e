package io.dynamodbbackup.restore;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.dynamo.BatchWriter;
import io.dynamodbbackup.dynamo.CapacityLimiter;
import io.dynamodbbackup.dynamo.RequestCost;
import io.dynamodbbackup.format.CorruptBackupException;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.report.Progress;
import io.dynamodbbackup.report.ProgressMeter;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.schema.TableCreator;
import io.dynamodbbackup.source.FileItems;
import io.dynamodbbackup.source.LocatedBackup;
import io.dynamodbbackup.store.Checkpointer;
import io.dynamodbbackup.store.StateObject;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Restores one backup into one table: find the data (a backup and its manifest, a file without one,
 * or an AWS export folder), prepare the table (create it, or check its keys and that it is empty),
 * then stream items from one reader thread through a bounded queue of batches to parallel writers,
 * and finally check the counts and checksums the manifest records. Memory holds the queue and one
 * batch per writer, whatever the file's size.
 */
public final class RestoreJob {

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Clock clock;
  private final EventLog log;
  private final JobContext context;

  public RestoreJob(JobContext context) {
    this.dynamo = context.dynamo();
    this.retrier = context.retrier();
    this.clock = context.clock();
    this.log = context.log();
    this.context = context;
  }

  /**
   * What restoring {@code plan} would take: the backup's manifest is read, and the target table
   * described; no item is read and nothing is written.
   *
   * @throws JobFailedException when the restore could not start: no backup, no table
   */
  public RestoreEstimate estimate(RestorePlan plan) {
    LocatedBackup source = LocatedBackup.locate(plan.source(), plan.key(), log);
    String table = targetTable(plan, source);
    String region = dynamo.serviceClientConfiguration().region().id();
    Optional<TableDescription> existing = describe(table);
    List<String> notes = new ArrayList<>();
    String billing;
    Long wcu;
    String tableClass;
    if (plan.createTable()) {
      if (source.schema() == null) {
        throw new JobFailedException(
            "cannot create table " + table + ": " + source.uri() + " records no table schema",
            null);
      }
      if (existing.isPresent()) {
        throw new JobFailedException(
            "cannot create table " + table + ": it already exists; restore without --create-table",
            null);
      }
      CreateTableRequest created = TableCreator.request(source.schema(), table, plan.billingMode());
      billing = created.billingModeAsString();
      wcu =
          created.provisionedThroughput() == null
              ? null
              : created.provisionedThroughput().writeCapacityUnits();
      tableClass = source.schema().tableClass();
    } else {
      TableDescription t =
          existing.orElseThrow(
              () ->
                  new JobFailedException(
                      "table " + table + " does not exist: create it, or give --create-table",
                      null));
      billing =
          t.billingModeSummary() == null
              ? "PROVISIONED"
              : t.billingModeSummary().billingModeAsString();
      wcu =
          t.provisionedThroughput() == null ? null : t.provisionedThroughput().writeCapacityUnits();
      tableClass =
          t.tableClassSummary() == null ? null : t.tableClassSummary().tableClassAsString();
      if (t.itemCount() != null && t.itemCount() > 0 && !plan.allowExistingItems()) {
        notes.add(
            "the table reports "
                + t.itemCount()
                + " items: a restore refuses a table that holds items without"
                + " --allow-existing-items");
      }
    }
    CapacityLimiter limiter =
        CapacityLimiter.forTable(
            billing, wcu, plan.writeCapacityPercent(), plan.maxWriteCapacity(), clock);
    Double limit = Double.isInfinite(limiter.unitsPerSecond()) ? null : limiter.unitsPerSecond();
    Long items = source.itemCount();
    Double units = null;
    RequestCost.Figures figures = new RequestCost.Figures(null, null);
    if (items == null) {
      notes.add(
          "item count unknown: "
              + source.uri()
              + " has no manifest; write units, duration and cost are unknown");
    } else {
      Long bytes = source.schema() == null ? null : source.schema().sizeBytes();
      if (bytes != null && bytes > 0) {
        units = RequestCost.writeUnits(items, bytes);
      } else {
        units = (double) items;
        notes.add(
            "item sizes unknown (the backup records no table size, or 0): write units assume"
                + " items of at most 1 KB, so they, the duration and the cost are lower bounds");
      }
      figures = RequestCost.figures(units, limiter, billing, region, tableClass, true, notes);
    }
    return new RestoreEstimate(
        source.uri(),
        table,
        plan.createTable() ? "create" : "existing",
        billing,
        items,
        limit,
        units,
        figures.seconds(),
        figures.onDemandCostUsd(),
        notes,
        null);
  }

  private static String targetTable(RestorePlan plan, LocatedBackup source) {
    String table = plan.table() != null ? plan.table() : source.tableName();
    if (table == null) {
      throw new JobFailedException(
          "restore of " + source.uri() + " failed: the source names no table; give -t/--table",
          null);
    }
    return table;
  }

  private Optional<TableDescription> describe(String table) {
    try {
      return Optional.of(
          retrier
              .call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)))
              .table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot describe table " + table + ": " + JobFailedException.reason(e), e);
    }
  }

  public RestoreResult run(RestorePlan plan) {
    long startNanos = clock.nanoTime();
    LocatedBackup source = LocatedBackup.locate(plan.source(), plan.key(), log);
    if (plan.engine() == RestorePlan.Engine.IMPORT) {
      return new ImportRestore(context).run(plan, source, startNanos);
    }
    List<RestoreStep> steps = RestoreStep.of(plan, source);
    String table = targetTable(plan, source);
    StateObject state = plan.state();
    long alreadyWritten = resumeFrom(plan, state, source, table);
    // A table this restore creates is its own from the start: a kill during the creation must
    // leave a state that lets --resume go on writing it.
    boolean claimed = state != null && plan.createTable() && alreadyWritten < 0;
    if (claimed) {
      writeFirstCheckpoint(state, source, table);
    }
    TableDescription target;
    try {
      target =
          new TablePreparation(dynamo, retrier, log)
              .prepare(plan, source, table, alreadyWritten >= 0);
    } catch (RuntimeException e) {
      if (claimed) {
        state.deleteOrWarn(log::warn, "delete it by hand before a --resume");
      }
      throw e;
    }
    WrittenPrefix written = new WrittenPrefix(Math.max(0, alreadyWritten));
    CapacityLimiter limiter =
        CapacityLimiter.forTable(
            target.billingModeSummary() == null
                ? null
                : target.billingModeSummary().billingModeAsString(),
            target.provisionedThroughput() == null
                ? null
                : target.provisionedThroughput().writeCapacityUnits(),
            plan.writeCapacityPercent(),
            plan.maxWriteCapacity(),
            clock);
    List<String> keyNames =
        target.keySchema().stream()
            .sorted(
                (a, b) -> a.keyType() == KeyType.HASH ? -1 : b.keyType() == KeyType.HASH ? 1 : 0)
            .map(KeySchemaElement::attributeName)
            .toList();
    Path rejectPath =
        plan.rejectFile() != null ? plan.rejectFile() : Path.of(table + ".rejected.jsonl");
    log.info(
        String.format(
            Locale.ROOT,
            "restoring %s into table %s: %s items expected, %d writers, write limit %s",
            source.uri(),
            table,
            RestoreStep.total(steps) == null
                ? "unknown"
                : String.format(Locale.ROOT, "%,d", RestoreStep.total(steps))
                    + (steps.size() > 1
                        ? " items and changes in " + steps.size() + " exports"
                        : ""),
            plan.writers(),
            limiter.describe("WCU")));

    BatchWriter writer;
    FileItems reader;
    Path rejects;
    try (RejectFile rejectFile = new RejectFile(rejectPath)) {
      writer = new BatchWriter(context.wire(), retrier, limiter, table, rejectFile);
      reader = new FileItems(plan.source());
      BatchWriter w = writer;
      FileItems r = reader;
      ProgressMeter meter =
          context.progress(
              () -> new Progress(w.written(), r.bytesRead(), w.consumedCapacity()),
              "WCU",
              RestoreStep.total(steps) == null ? 0 : RestoreStep.total(steps));
      Checkpointer checkpoints =
          state == null
              ? null
              : new Checkpointer(
                  state,
                  written,
                  mark ->
                      new RestoreCheckpoint(
                              RestoreCheckpoint.FORMAT_VERSION,
                              source.uri(),
                              table,
                              mark,
                              clock.now().toString())
                          .toJson(),
                  "restore's checkpoint",
                  log::warn);
      try {
        WritePipeline pipeline =
            new WritePipeline(reader, writer, keyNames, plan.writers(), written);
        TableDescription checkKeysOf = source.schema() == null ? target : null;
        for (RestoreStep step : steps) {
          if (steps.size() > 1) {
            log.info("applying " + step.describe());
          }
          pipeline.run(step.files(), checkKeysOf, source.uri());
        }
      } finally {
        if (checkpoints != null) {
          checkpoints.close(); // the last mark is kept when the restore fails, for a resume
        }
        meter.close();
      }
      if (state != null) {
        state.delete();
      }
      rejects = rejectFile.pathIfWritten();
    } catch (JobFailedException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new JobFailedException(e.getFile() + ": no such object or file (check the source)", e);
    } catch (CorruptBackupException e) {
      throw new JobFailedException(e.getMessage(), e);
    } catch (Exception e) {
      throw new JobFailedException(
          "restore of "
              + source.uri()
              + " into table "
              + table
              + " failed: "
              + JobFailedException.reason(e),
          e);
    }
    Duration took = Duration.ofNanos(clock.nanoTime() - startNanos);
    RestoreResult result =
        new RestoreResult(
            table,
            source.uri(),
            Math.max(0, alreadyWritten) + writer.written(),
            writer.rejected(),
            rejects,
            took,
            writer.consumedCapacity(),
            retrier.retries(),
            RestoreStep.restoredTo(steps));
    log.info(
        String.format(
            Locale.ROOT,
            "restored %,d items (%,d rejected) into table %s in %.1f s (%.1f WCU, %d retries)",
            result.items(),
            result.rejected(),
            table,
            took.toMillis() / 1000.0,
            result.consumedWriteCapacity(),
            result.retries()));
    return result;
  }

  /**
   * Where this restore starts: -1 for a new one, or the items an interrupted restore of the same
   * source into the same table had written, with {@code --resume}.
   */
  private long resumeFrom(RestorePlan plan, StateObject state, LocatedBackup source, String table) {
    if (!plan.resume()) {
      return -1;
    }
    RestoreCheckpoint checkpoint;
    try {
      Optional<byte[]> saved = state.read();
      if (saved.isEmpty()) {
        log.info(
            "no interrupted restore of "
                + source.uri()
                + " into table "
                + table
                + " to resume ("
                + state.uri()
                + "); starting a new one");
        return -1;
      }
      checkpoint = RestoreCheckpoint.parse(saved.get(), state.uri());
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot read the restore's state " + state.uri() + ": " + JobFailedException.reason(e),
          e);
    }
    if (!checkpoint.source().equals(source.uri()) || !checkpoint.table().equals(table)) {
      throw new JobFailedException(
          "cannot resume: the interrupted restore was of "
              + checkpoint.source()
              + " into table "
              + checkpoint.table()
              + ", this one is of "
              + source.uri()
              + " into table "
              + table
              + "; run it without --resume to start anew",
          null);
    }
    log.info(
        String.format(
            Locale.ROOT,
            "resuming the restore of %s into table %s: %,d items already written (checkpoint of %s)",
            source.uri(),
            table,
            checkpoint.itemsWritten(),
            checkpoint.updatedAt()));
    return checkpoint.itemsWritten();
  }

  private void writeFirstCheckpoint(StateObject state, LocatedBackup source, String table) {
    try {
      state.write(
          new RestoreCheckpoint(
                  RestoreCheckpoint.FORMAT_VERSION, source.uri(), table, 0, clock.now().toString())
              .toJson());
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot write the restore's state " + state.uri() + ": " + JobFailedException.reason(e),
          e);
    }
  }
}
