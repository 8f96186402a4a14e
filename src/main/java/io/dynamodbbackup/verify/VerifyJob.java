package io.dynamodbbackup.verify;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.dynamo.CapacityLimiter;
import io.dynamodbbackup.dynamo.ItemLookup;
import io.dynamodbbackup.dynamo.ParallelScan;
import io.dynamodbbackup.dynamo.ScanPlan;
import io.dynamodbbackup.dynamo.ScanResult;
import io.dynamodbbackup.format.CorruptBackupException;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.report.Progress;
import io.dynamodbbackup.report.ProgressMeter;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.source.DataFile;
import io.dynamodbbackup.source.FileItems;
import io.dynamodbbackup.source.LocatedBackup;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Verifies one backup: every stored byte passes the digest its manifest records, every line parses
 * as an item, and the item count matches. With a table it also counts the live table with a
 * parallel {@code Select=COUNT} Scan; with {@code full} it looks each backup item up by key, a
 * batch at a time, on the reader thread. Equal counts and every backup item found equal prove the
 * table holds nothing else. Memory holds one batch, whatever the file's size.
 */
public final class VerifyJob {

  /** Scan threads at most, however many segments. */
  private static final int MAX_SCAN_THREADS = 16;

  /** Items per counting Scan page; small pages keep each call short on a busy table. */
  private static final int COUNT_PAGE_SIZE = 1000;

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Clock clock;
  private final EventLog log;
  private final JobContext context;

  public VerifyJob(JobContext context) {
    this.dynamo = context.dynamo();
    this.retrier = context.retrier();
    this.clock = context.clock();
    this.log = context.log();
    this.context = context;
  }

  public VerifyResult run(VerifyPlan plan) {
    long startNanos = clock.nanoTime();
    LocatedBackup backup = LocatedBackup.locate(plan.source(), plan.key(), log);
    if (plan.quick()) {
      List<String> held = QuickCheck.run(plan.source(), backup);
      return new VerifyResult(
          backup.uri(),
          1,
          backup.itemCount(),
          null,
          null,
          null,
          0,
          Duration.ofNanos(clock.nanoTime() - startNanos),
          0,
          held,
          null,
          null);
    }
    boolean complete = backup.kind() != LocatedBackup.Kind.NO_MANIFEST;
    VerifiedFiles verified = VerifiedFiles.of(plan.source(), backup);
    if (verified.chain() != null && plan.table() != null) {
      throw new JobFailedException(
          "verify cannot compare table "
              + plan.table()
              + " with "
              + backup.uri()
              + ", an incremental export that holds changes, not items: verify the chain alone, or"
              + " restore it into a new table and compare that with the live one",
          null);
    }
    CapacityLimiter limiter =
        plan.maxReadCapacity() > 0
            ? CapacityLimiter.perSecond(plan.maxReadCapacity(), clock)
            : CapacityLimiter.unlimited();
    TableDescription table = plan.table() == null ? null : describe(plan.table());
    ItemLookup lookup =
        plan.full()
            ? new ItemLookup(dynamo, retrier, limiter, plan.table(), plan.consistentRead())
            : null;
    ItemComparison comparison =
        lookup != null && complete ? new ItemComparison(lookup, table) : null;
    log.info(
        "verifying "
            + backup.uri()
            + (table == null ? "" : " against table " + plan.table())
            + (comparison == null ? "" : ", item by item"));

    FileItems reader = new FileItems(plan.source());
    long items = 0;
    ProgressMeter meter =
        context.progress(
            () ->
                new Progress(
                    comparison == null ? 0 : comparison.compared(),
                    reader.bytesRead(),
                    lookup == null ? 0 : lookup.consumedCapacity()),
            "RCU",
            verified.records() == null ? 0 : verified.records());
    try {
      for (DataFile file : verified.files()) {
        String fileUri = plan.source().uri(file.key());
        long[] line = {0};
        if (file.changes()) {
          reader.readChanges(file, change -> line[0]++);
        } else {
          reader.read(
              file,
              item -> {
                // This tool's files and AWS exports hold one item per line.
                line[0]++;
                if (comparison != null) {
                  comparison.add(fileUri, line[0], item);
                }
              });
        }
        if (comparison != null) {
          comparison.flush();
        }
        items += line[0];
      }
    } catch (JobFailedException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new JobFailedException(e.getFile() + ": no such object or file (check the source)", e);
    } catch (CorruptBackupException e) {
      throw new JobFailedException("verify failed: a line does not parse: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new JobFailedException("verify failed: " + JobFailedException.reason(e), e);
    } finally {
      meter.close();
    }
    if (!backup.problems().isEmpty()) {
      throw new JobFailedException(
          "verify failed: " + backup.uri() + ": " + String.join("; ", backup.problems()), null);
    }
    if (!complete) {
      throw new JobFailedException(
          String.format(
              Locale.ROOT,
              "verify failed: %s has no manifest, so it is incomplete (a backup that did not"
                  + " finish) or the original tool's file; its %d lines parse as items, but there"
                  + " is no count or checksum to check them against",
              backup.uri(),
              items),
          null);
    }

    if (verified.records() != null && items != verified.records()) {
      throw new JobFailedException(
          String.format(
              Locale.ROOT,
              "verify failed: item count: %s holds %d items but its manifest records %d",
              backup.uri(),
              items,
              verified.records()),
          null);
    }
    Long tableItems = null;
    double consumed = lookup == null ? 0 : lookup.consumedCapacity();
    if (table != null) {
      ScanResult count = count(plan, limiter);
      consumed += count.consumedCapacity();
      tableItems = count.items();
      if (tableItems != items) {
        throw new JobFailedException(
            String.format(
                Locale.ROOT,
                "verify failed: item count: table %s holds %d items but %s holds %d%s",
                plan.table(),
                tableItems,
                backup.uri(),
                items,
                comparison == null
                    ? ""
                    : tableItems > items
                        ? " (every backup item is in the table, equal: the table has more)"
                        : ""),
            null);
      }
    }
    VerifyResult result =
        new VerifyResult(
            backup.uri(),
            verified.files().size(),
            items,
            verified.digestAlgorithm(),
            plan.table(),
            tableItems,
            comparison == null ? 0 : comparison.compared(),
            Duration.ofNanos(clock.nanoTime() - startNanos),
            consumed,
            List.of(),
            verified.chain(),
            verified.digestAlgorithm() != null
                ? null
                : backup.kind() == LocatedBackup.Kind.DYNAMODUMP
                    ? "each page's count ok (the dump has no checksum)"
                    : "count ok, no checksums (an export recorded unverified)");
    log.info(
        String.format(
            Locale.ROOT,
            "verified %,d items of %s in %.1f s",
            items,
            backup.uri(),
            result.duration().toMillis() / 1000.0));
    return result;
  }

  private TableDescription describe(String table) {
    try {
      return retrier
          .call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)))
          .table();
    } catch (ResourceNotFoundException e) {
      throw new JobFailedException(
          "table " + table + " does not exist (check -t/--table and the region)", e);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot describe table " + table + ": " + JobFailedException.reason(e), e);
    }
  }

  private ScanResult count(VerifyPlan plan, CapacityLimiter limiter) {
    ScanPlan scan =
        new ScanPlan(
            plan.table(),
            plan.segments(),
            Math.min(plan.segments(), MAX_SCAN_THREADS),
            COUNT_PAGE_SIZE,
            plan.consistentRead(),
            Map.of(),
            true);
    try {
      return new ParallelScan(dynamo, retrier, limiter).run(scan, (segment, items, next) -> {});
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot count the items of table " + plan.table() + ": " + JobFailedException.reason(e),
          e);
    }
  }
}
