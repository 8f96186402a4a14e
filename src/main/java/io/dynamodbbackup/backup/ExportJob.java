package io.dynamodbbackup.backup;

import io.dynamodbbackup.Heartbeat;
import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.dynamo.TableExports;
import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.InvalidManifestException;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.schema.TableCreator;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.source.ExportContents;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;

/**
 * Backs up one table through AWS Export to S3: DynamoDB reads the table at one point in time from
 * its point-in-time recovery data, using no read capacity, and writes the files; this job starts
 * the export, waits for it, checks every file AWS lists, and writes this tool's manifest beside it
 * with the table's schema. An incremental backup exports the changes since the newest export at the
 * same place, as the next links of a chain ({@link ExportChainPlanner}).
 */
public final class ExportJob {

  private final JobContext context;
  private final EventLog log;
  private final TableExports exports;
  private final String toolVersion;

  public ExportJob(JobContext context, String toolVersion) {
    this.context = context;
    this.log = context.log();
    this.exports = new TableExports(context.dynamo(), context.retrier());
    this.toolVersion = toolVersion;
  }

  /** Runs the backup; one result per export, oldest first (an incremental run may need several). */
  public List<ExportResult> run(ExportPlan plan) {
    String where = "table " + plan.table() + " (" + plan.region() + ")";
    TableSchema schema =
        BackupJob.describe(context.dynamo(), context.retrier(), log, plan.table(), where);
    requirePointInTimeRecovery(plan, schema);
    if (plan.incremental()) {
      return new ExportChainPlanner(plan, log)
          .links(now()).stream().map(link -> export(plan, schema, link)).toList();
    }
    Instant at = plan.exportTime() != null ? plan.exportTime() : now();
    return List.of(export(plan, schema, Link.full(at)));
  }

  /** One export of the table: {@code link} says which kind and which moment or window. */
  ExportResult export(ExportPlan plan, TableSchema schema, Link link) {
    long startNanos = context.clock().nanoTime();
    Instant startedAt = context.clock().now();
    ExportKey key = new ExportKey(plan.prefix(), plan.table(), link.to());
    String folderUri = plan.destination().uri(key.folder());
    String manifestUri = plan.destination().uri(key.manifestKey());
    try {
      ExportManifest done = existing(plan, key);
      if (done != null) {
        log.info(
            "the export of table "
                + plan.table()
                + " "
                + link.describe()
                + " is already complete"
                + " at "
                + folderUri
                + "; nothing to do");
        return result(done, folderUri, manifestUri, true, Duration.ZERO);
      }
      ExportTableToPointInTimeRequest request = ExportRequests.request(plan, schema, key, link);
      log.info(
          "exporting table "
              + plan.table()
              + " "
              + link.describe()
              + " to "
              + folderUri
              + " with AWS Export to S3 (no read capacity used); a run stopped while waiting"
              + " continues this export when run again with the same arguments"
              + (link.incremental() ? "" : " and --export-time " + link.to()));
      ExportDescription started = exports.start(request);
      ExportDescription ended = exports.await(started.exportArn(), progress(plan));
      if (ended.exportStatus() != ExportStatus.COMPLETED) {
        throw new JobFailedException(
            "export of table "
                + plan.table()
                + " "
                + link.describe()
                + " failed: AWS reports "
                + ended.exportStatusAsString()
                + ": "
                + ended.failureCode()
                + ": "
                + ended.failureMessage()
                + " ("
                + ended.exportArn()
                + "); no manifest was written"
                + " to "
                + folderUri,
            null);
      }
      ExportContents contents =
          ExportContents.read(
              plan.source(), key.exportPrefix(), ended.exportArn(), ended.exportManifest());
      if (!contents.verified()) {
        log.warn(
            "export "
                + ended.exportArn()
                + " is recorded as unverified: "
                + contents.unverifiedReason());
      }
      ExportManifest manifest = manifest(plan, schema, link, ended, contents, startedAt);
      plan.destination()
          .put(key.manifestKey(), new ManifestJson().write(manifest), "application/json");
      Duration took = Duration.ofNanos(context.clock().nanoTime() - startNanos);
      ExportResult result = result(manifest, folderUri, manifestUri, false, took);
      log.info(
          String.format(
              Locale.ROOT,
              "exported %s of table %s %s in %.1f s: %,d bytes in %d files, %s; to %s",
              result.items() == null
                  ? "the items"
                  : String.format(Locale.ROOT, "%,d items", result.items()),
              plan.table(),
              link.describe(),
              took.toMillis() / 1000.0,
              result.bytes(),
              result.files(),
              result.verified() ? "each checked against AWS's manifest" : "unverified",
              manifestUri));
      return result;
    } catch (JobFailedException e) {
      throw e;
    } catch (Exception e) {
      String why =
          e instanceof InterruptedException
              ? "interrupted, the process is stopping; the export goes on at AWS, run again with"
                  + " the same arguments to finish it"
              : JobFailedException.reason(e);
      throw new JobFailedException(
          "export of table "
              + plan.table()
              + " "
              + link.describe()
              + " to "
              + folderUri
              + " failed: "
              + why,
          e);
    }
  }

  private void requirePointInTimeRecovery(ExportPlan plan, TableSchema schema) {
    boolean on;
    try {
      on =
          schema.pointInTimeRecovery() != null
              ? schema.pointInTimeRecovery()
              : exports.pointInTimeRecovery(plan.table());
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot tell whether point-in-time recovery is on for table "
              + plan.table()
              + ", which an export needs: "
              + JobFailedException.reason(e),
          e);
    }
    if (on) {
      return;
    }
    if (!plan.enablePitr()) {
      throw new JobFailedException(
          "point-in-time recovery is off for table "
              + plan.table()
              + ", and AWS exports read"
              + " from it: give --enable-pitr to turn it on (billed by table size), or run"
              + " aws dynamodb update-continuous-backups --table-name "
              + plan.table()
              + " --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
          null);
    }
    log.info("turning point-in-time recovery on for table " + plan.table());
    try {
      new TableCreator(context.dynamo(), context.retrier(), log::info)
          .enablePointInTimeRecovery(plan.table());
      exports.awaitPointInTimeRecovery(plan.table(), log::info);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot turn point-in-time recovery on for table "
              + plan.table()
              + ": "
              + JobFailedException.reason(e),
          e);
    }
  }

  private ExportManifest existing(ExportPlan plan, ExportKey key)
      throws IOException, InvalidManifestException {
    var bytes = plan.source().readIfPresent(key.manifestKey());
    return bytes.isEmpty()
        ? null
        : new ManifestJson().readExport(bytes.get(), plan.source().uri(key.manifestKey()));
  }

  private Consumer<ExportDescription> progress(ExportPlan plan) {
    Heartbeat beat = context.heartbeat();
    return d -> {
      if (d.exportStatus() == ExportStatus.IN_PROGRESS && beat.due()) {
        log.info(
            String.format(
                Locale.ROOT,
                "export of table %s: %s for %d s (%s)",
                plan.table(),
                d.exportStatusAsString(),
                beat.seconds(),
                d.exportArn()));
      }
    };
  }

  private ExportManifest manifest(
      ExportPlan plan,
      TableSchema schema,
      Link link,
      ExportDescription ended,
      ExportContents contents,
      Instant startedAt) {
    Long items = contents.itemCount() != null ? contents.itemCount() : ended.itemCount();
    return new ExportManifest(
        Manifest.FORMAT_VERSION,
        Manifest.TOOL,
        toolVersion,
        ExportManifest.ENGINE,
        plan.table(),
        schema.tableArn(),
        plan.region(),
        startedAt,
        context.clock().now(),
        ended.exportArn(),
        link.type(),
        link.to(),
        link.from(),
        contents.folder(),
        contents.verified(),
        contents.unverifiedReason(),
        items,
        contents.bytes(),
        contents.files(),
        link.base(),
        link.previous(),
        schema);
  }

  private static ExportResult result(
      ExportManifest m, String uri, String manifestUri, boolean alreadyDone, Duration took) {
    return new ExportResult(
        uri,
        manifestUri,
        m.exportArn(),
        m.incremental(),
        m.exportFromTime(),
        m.exportTime(),
        m.itemCount(),
        m.byteCount(),
        m.files().size(),
        m.verified(),
        alreadyDone,
        took);
  }

  private Instant now() {
    return context.clock().now().truncatedTo(ChronoUnit.SECONDS);
  }
}
