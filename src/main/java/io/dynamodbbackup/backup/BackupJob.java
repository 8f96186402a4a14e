package io.dynamodbbackup.backup;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.dynamo.CapacityLimiter;
import io.dynamodbbackup.dynamo.ParallelScan;
import io.dynamodbbackup.dynamo.RequestCost;
import io.dynamodbbackup.dynamo.ScanPlan;
import io.dynamodbbackup.dynamo.ScanResult;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.format.ItemEncoders;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.BackupState;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.report.Progress;
import io.dynamodbbackup.report.ProgressMeter;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.schema.SchemaCapture;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.schema.TableSchemaReader;
import io.dynamodbbackup.store.Checkpointer;
import io.dynamodbbackup.store.ObjectSink;
import io.dynamodbbackup.store.ObjectWriter;
import io.dynamodbbackup.store.PartSizes;
import io.dynamodbbackup.store.StateObject;
import io.dynamodbbackup.store.Upload;
import io.dynamodbbackup.store.WrittenObject;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Backs up one table to one object: scan in parallel segments, encode, compress and upload while
 * scanning, then write the manifest that marks the object complete. On any failure the object is
 * aborted or deleted, so no object without a manifest remains.
 */
public final class BackupJob {

  /** S3 allows at most 10,000 parts in one upload. */
  private static final int MAX_PARTS = 10_000;

  private static final int CHUNK_SIZE = 1024 * 1024;
  private static final int MAX_THREADS = 16;
  private static final long BYTES_PER_SEGMENT = 1L << 30;
  private static final int MIN_AUTO_SEGMENTS = 4;
  private static final int MAX_AUTO_SEGMENTS = 1000;
  private static final int MAX_PAGE_BYTES = 1024 * 1024;
  private static final int MAX_KEYS_PER_SECOND = 1000;

  /** Lines take up to twice DynamoDB's size of an item (typed JSON, Base64 of binaries). */
  private static final double LINE_OVERHEAD = 2.0;

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Clock clock;
  private final EventLog log;
  private final String toolVersion;
  private final JobContext context;

  public BackupJob(JobContext context, String toolVersion) {
    this.dynamo = context.dynamo();
    this.retrier = context.retrier();
    this.clock = context.clock();
    this.log = context.log();
    this.context = context;
    this.toolVersion = toolVersion;
  }

  public BackupResult run(BackupPlan plan) {
    long startNanos = clock.nanoTime();
    String where = "table " + plan.table() + " (" + plan.region() + ")";
    // TTL, point-in-time recovery and tags are read while the table is scanned.
    SchemaCapture capture =
        describing(
            where, () -> new TableSchemaReader(dynamo, retrier, log::warn).capture(plan.table()));
    TableSchema schema = capture.described();
    BackupKey first =
        new BackupKey(
            plan.prefix(),
            plan.table(),
            clock.now().truncatedTo(ChronoUnit.SECONDS),
            plan.format().extension(plan.compression()));
    Optional<InterruptedBackups.Found> resumed = Optional.empty();
    BackupKey key;
    try {
      plan.destination().checkWritable();
      if (plan.resume()) {
        resumed = new InterruptedBackups(plan.destination(), log).newest(plan);
      }
      key = resumed.isPresent() ? resumed.get().key() : freeKey(plan, first);
    } catch (JobFailedException e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot write to "
              + plan.destination().uri(first.dataKey())
              + ": "
              + JobFailedException.reason(e),
          e);
    }
    String dataUri = plan.destination().uri(key.dataKey());
    BackupState before = resumed.map(InterruptedBackups.Found::state).orElse(null);

    int segments =
        before != null
            ? before.segments()
            : plan.segments() > 0 ? plan.segments() : autoSegments(schema);
    int threads = Math.min(segments, MAX_THREADS);
    CapacityLimiter limiter = readLimit(plan, schema);
    int pageSize =
        plan.pageSize() > 0 ? plan.pageSize() : autoPageSize(schema, limiter, threads, plan);
    log.info(
        String.format(
            Locale.ROOT,
            "backing up %s: about %,d items, %.1f MB; %d segments on %d threads, %s items a page, read limit %s; to %s",
            where,
            orZero(schema.itemCount()),
            orZero(schema.sizeBytes()) / 1e6,
            segments,
            threads,
            pageSize,
            limiter.describe("RCU"),
            dataUri));

    PartSizes partSizes =
        before != null
            ? new PartSizes(before.partSize(), before.maxPartSize(), before.partsPerStep())
            : partSizes(plan, schema, where);
    Resumption from = resumption(plan, where, key, before, segments, partSizes);
    StateObject state = plan.destination().source().backupState(key.dataKey());
    StoredParts stored = new StoredParts(from.upload());
    StoredChunks chunks = new StoredChunks(from.progress());
    ObjectWriter writer = null;
    Checkpointer checkpoints = null;
    WrittenObject written = null;
    ScanResult scanned;
    long items;
    String sha256;
    if (before == null) {
      // Before the object exists, so that nothing this backup leaves is unknown to a resume.
      writeFirstCheckpoint(state, from.start());
    }
    try {
      ObjectSink sink =
          plan.destination().openObject(key.dataKey(), contentType(plan), from.upload(), stored);
      writer = new ObjectWriter(sink, partSizes, MAX_PARTS, !plan.finalNewline(), from.upload());
      SegmentEncoder encoder =
          new SegmentEncoder(
              ItemEncoders.of(plan.format(), plan.base64()),
              plan.compression(),
              writer,
              CHUNK_SIZE,
              chunks);
      ParallelScan scan = new ParallelScan(dynamo, retrier, limiter);
      checkpoints =
          new Checkpointer(
              state,
              stored,
              new BackupCheckpoints(
                  from.start(),
                  stored,
                  chunks,
                  writer,
                  () -> from.start().consumedReadCapacity() + scan.consumedCapacity(),
                  clock),
              "backup's checkpoint",
              log::warn);
      ObjectWriter w = writer;
      ProgressMeter meter =
          context.progress(
              () ->
                  new Progress(
                      from.start().items() + encoder.items(), w.bytes(), scan.consumedCapacity()),
              "RCU",
              orZero(schema.itemCount()));
      try {
        scanned =
            scan.run(
                new ScanPlan(
                    plan.table(),
                    segments,
                    threads,
                    pageSize,
                    plan.consistentRead(),
                    startKeys(from.progress())),
                encoder);
      } finally {
        meter.close();
      }
      written = writer.complete();
      checkpoints.close();
      items = from.start().items() + encoder.items();
      sha256 = written.sha256() != null ? written.sha256() : readBack(plan, key, written);
      TableSchema captured = capture.complete();
      Manifest manifest =
          new Manifest(
              Manifest.FORMAT_VERSION,
              Manifest.TOOL,
              toolVersion,
              plan.table(),
              captured.tableArn(),
              plan.region(),
              key.startedAt(),
              clock.now(),
              items,
              written.bytes(),
              sha256,
              plan.format().cliName(),
              InterruptedBackups.encoding(plan),
              plan.compression().cliName(),
              key.dataKey(),
              segments,
              from.start().consumedReadCapacity() + scanned.consumedCapacity(),
              captured,
              written.stored().etag(),
              written.stored().checksum());
      plan.destination()
          .put(key.manifestKey(), new ManifestJson().write(manifest), "application/json");
    } catch (Exception e) {
      boolean kept = plan.resume() && writer != null && written == null;
      if (kept) {
        writer.suspend();
        checkpoints.close();
      } else {
        if (checkpoints != null) {
          checkpoints.close();
        }
        discard(plan, key, writer, written, state);
      }
      String why =
          e instanceof InterruptedException
              ? "interrupted, the process is stopping; "
                  + (kept
                      ? "the upload and its checkpoint are kept: repeat the command (with"
                          + " --resume) to go on"
                      : "the upload was aborted")
              : JobFailedException.reason(e)
                  + (kept ? "; the upload and its checkpoint are kept for --resume" : "");
      throw new JobFailedException("backup of " + where + " to " + dataUri + " failed: " + why, e);
    }
    state.deleteOrWarn(log::warn, "delete it by hand, or `list --cleanup` does");
    Duration took = Duration.ofNanos(clock.nanoTime() - startNanos);
    BackupResult result =
        new BackupResult(
            dataUri,
            plan.destination().uri(key.manifestKey()),
            items,
            written.bytes(),
            sha256,
            took,
            segments,
            from.start().consumedReadCapacity() + scanned.consumedCapacity(),
            retrier.retries());
    log.info(
        String.format(
            Locale.ROOT,
            "backed up %,d items, %,d bytes in %.1f s (%.1f RCU, %d retries) to %s sha256 %s",
            result.items(),
            result.bytes(),
            took.toMillis() / 1000.0,
            result.consumedReadCapacity(),
            result.retries(),
            result.uri(),
            result.sha256()));
    return result;
  }

  /**
   * Where this run starts: an interrupted backup's checkpoint, or nothing stored; said in one line
   * when a resume was asked for.
   */
  private Resumption resumption(
      BackupPlan plan,
      String where,
      BackupKey key,
      BackupState before,
      int segments,
      PartSizes partSizes) {
    String dataUri = plan.destination().uri(key.dataKey());
    if (before == null) {
      if (plan.resume()) {
        log.info(
            "no interrupted backup of "
                + where
                + " under "
                + plan.destination().uri(BackupKey.tableFolder(plan.prefix(), plan.table()))
                + " to resume; starting a new one");
      }
      BackupState start =
          new BackupState(
              BackupState.FORMAT_VERSION,
              plan.table(),
              key.dataKey(),
              plan.format().cliName(),
              InterruptedBackups.encoding(plan),
              plan.compression().cliName(),
              plan.finalNewline(),
              segments,
              partSizes.first(),
              partSizes.max(),
              partSizes.partsPerStep(),
              null,
              List.of(),
              List.of(),
              0,
              0,
              0,
              clock.now().toString());
      return new Resumption(start, Upload.NONE, Map.of());
    }
    Map<Integer, StoredChunks.Progress> progress;
    try {
      progress = BackupCheckpoints.progress(before);
    } catch (IOException e) {
      throw new JobFailedException(
          "cannot resume " + dataUri + ": its checkpoint's keys do not parse: " + e.getMessage(),
          e);
    }
    log.info(
        String.format(
            Locale.ROOT,
            "resuming the backup of %s to %s: %,d items already stored in %d parts (%,d bytes),"
                + " %d of %d segments finished (checkpoint of %s); the others go on from their"
                + " last stored page",
            where,
            dataUri,
            before.items(),
            before.parts().size(),
            before.bytes(),
            before.finishedSegments(),
            before.segments(),
            before.updatedAt()));
    return new Resumption(before, BackupCheckpoints.upload(before), progress);
  }

  /**
   * Where a run starts.
   *
   * @param start the backup's options and what is stored, as a checkpoint
   * @param upload what the store holds
   * @param progress each segment's items stored
   */
  private record Resumption(
      BackupState start, Upload upload, Map<Integer, StoredChunks.Progress> progress) {}

  /** Where each segment's scan goes on: after its last stored page, or from its start. */
  private static Map<Integer, Map<String, AttributeValue>> startKeys(
      Map<Integer, StoredChunks.Progress> progress) {
    Map<Integer, Map<String, AttributeValue>> keys = new HashMap<>();
    progress.forEach((segment, p) -> keys.put(segment, p.nextKey()));
    return keys;
  }

  /**
   * The SHA-256 of a resumed object, read back from the store: the interrupted run's digest of the
   * parts it stored is not kept, since a digest state that can be saved costs several times the CPU
   * of the JDK's (docs/FORMATS.md).
   */
  private String readBack(BackupPlan plan, BackupKey key, WrittenObject written)
      throws IOException {
    log.info(
        String.format(
            Locale.ROOT,
            "reading %s back for the SHA-256 of its %,d bytes (a resumed backup)",
            plan.destination().uri(key.dataKey()),
            written.bytes()));
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    long bytes = 0;
    try (InputStream in = plan.destination().source().open(key.dataKey())) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, n);
        bytes += n;
      }
    }
    if (bytes != written.bytes()) {
      throw new IOException(
          "reading "
              + plan.destination().uri(key.dataKey())
              + " back gave "
              + bytes
              + " bytes, "
              + written.bytes()
              + " were written");
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private void writeFirstCheckpoint(StateObject state, BackupState start) {
    try {
      state.write(start.toJson());
    } catch (Exception e) {
      log.warn(
          "cannot write the backup's checkpoint to "
              + state.uri()
              + " ("
              + JobFailedException.reason(e)
              + "); a resume after a stop would start anew");
    }
  }

  /**
   * What the backup of {@code plan}'s table would take, from one DescribeTable: nothing is read
   * from the table and nothing written.
   *
   * @throws JobFailedException when the table cannot be described
   */
  public BackupEstimate estimate(BackupPlan plan) {
    String where = "table " + plan.table() + " (" + plan.region() + ")";
    TableSchema schema;
    try {
      schema = new TableSchemaReader(dynamo, retrier, log::warn).describe(plan.table());
    } catch (ResourceNotFoundException e) {
      throw new JobFailedException(
          "dry run of " + where + ": no such table (check --table and --region)", e);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot describe " + where + ": " + JobFailedException.reason(e), e);
    }
    List<String> notes = new ArrayList<>();
    long bytes = orZero(schema.sizeBytes());
    CapacityLimiter limiter = readLimit(plan, schema);
    Double limit = Double.isInfinite(limiter.unitsPerSecond()) ? null : limiter.unitsPerSecond();
    Double units = null;
    RequestCost.Figures figures = new RequestCost.Figures(null, null);
    if (bytes == 0) {
      notes.add(
          "size unknown: DynamoDB reports 0 bytes, which it also does for a table it has not"
              + " measured yet (it updates the size about every six hours) and which local engines"
              + " always report; read units, duration and cost are unknown");
    } else {
      units = RequestCost.scanReadUnits(bytes, plan.consistentRead());
      figures =
          RequestCost.figures(
              units,
              limiter,
              schema.billingMode(),
              plan.region(),
              schema.tableClass(),
              false,
              notes);
    }
    return new BackupEstimate(
        plan.table(),
        schema.billingMode(),
        schema.itemCount(),
        schema.sizeBytes(),
        plan.segments() > 0 ? plan.segments() : autoSegments(schema),
        limit,
        units,
        figures.seconds(),
        figures.onDemandCostUsd(),
        notes,
        null);
  }

  private CapacityLimiter readLimit(BackupPlan plan, TableSchema schema) {
    return CapacityLimiter.forTable(
        schema.billingMode(),
        schema.provisionedThroughput() == null
            ? null
            : schema.provisionedThroughput().readCapacityUnits(),
        plan.readCapacityPercent(),
        plan.maxReadCapacity(),
        clock);
  }

  /** The table's schema, or a failure that names it and says what to check. */
  static TableSchema describe(
      DynamoDbClient dynamo, Retrier retrier, EventLog log, String table, String where) {
    return describing(where, () -> new TableSchemaReader(dynamo, retrier, log::warn).read(table));
  }

  /** What {@code reading} returns, or a failure that names the table and says what to check. */
  private static <T> T describing(String where, Supplier<T> reading) {
    try {
      return reading.get();
    } catch (ResourceNotFoundException e) {
      throw new JobFailedException(
          "backup of " + where + " failed: no such table (check --table and --region)", e);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot describe " + where + ": " + JobFailedException.reason(e), e);
    }
  }

  /**
   * The first key from {@code first} on under which nothing is stored yet: a second backup started
   * in the same second must not write over the first.
   */
  private static BackupKey freeKey(BackupPlan plan, BackupKey first) throws IOException {
    BackupKey key = first;
    while (plan.destination().exists(key.dataKey())
        || plan.destination().exists(key.manifestKey())) {
      if (key.sequence() >= MAX_KEYS_PER_SECOND) {
        throw new IOException(
            "more than " + MAX_KEYS_PER_SECOND + " backups started in the same second");
      }
      key = key.next();
    }
    return key;
  }

  /**
   * Removes what a failed backup wrote, manifest first, so that nothing is left that looks
   * complete. Runs with the thread's interrupt cleared: a stopping process is exactly when the
   * cleanup must still reach the store.
   */
  private void discard(
      BackupPlan plan,
      BackupKey key,
      ObjectWriter writer,
      WrittenObject written,
      StateObject state) {
    boolean interrupted = Thread.interrupted();
    try {
      if (writer != null && written == null) {
        writer.abort();
      }
      if (written != null) {
        delete(plan, key.manifestKey(), "it describes a failed backup: delete it by hand");
        delete(
            plan,
            key.dataKey(),
            "it has no manifest, so it is not a complete backup: delete it by hand");
      }
      // Last: until the upload is gone, the checkpoint names it.
      state.deleteOrWarn(log::warn, "delete it by hand, or `list --cleanup` does");
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void delete(BackupPlan plan, String objectKey, String advice) {
    try {
      plan.destination().delete(objectKey);
    } catch (Exception e) {
      log.warn(
          "could not delete "
              + plan.destination().uri(objectKey)
              + " after the failure ("
              + JobFailedException.reason(e)
              + "); "
              + advice);
    }
  }

  /**
   * Part sizes that hold the table's file: its size as DynamoDB reports it, times what lines and
   * Base64 may add, fills at most half the parts, and parts double from there if it grows. A table
   * too large for one object within memory is refused before any read.
   */
  private static PartSizes partSizes(BackupPlan plan, TableSchema schema, String where) {
    long estimate = (long) (orZero(schema.sizeBytes()) * LINE_OVERHEAD);
    PartSizes sizes =
        PartSizes.forEstimate(estimate, plan.partSize(), plan.maxPartSize(), MAX_PARTS);
    long capacity = sizes.capacity(MAX_PARTS);
    if (estimate > capacity) {
      throw new JobFailedException(
          String.format(
              Locale.ROOT,
              "%s is about %,d bytes as a file, more than one object of %,d parts can hold with"
                  + " parts of at most %,d bytes in this memory (%,d bytes); give the JVM more"
                  + " memory (-Xmx, or the task's memory) or a larger --part-size-mb",
              where,
              estimate,
              MAX_PARTS,
              plan.maxPartSize(),
              capacity),
          null);
    }
    return sizes;
  }

  /** One segment per GiB of table, at least 4 for overlap, as DynamoDB's guidance suggests. */
  static int autoSegments(TableSchema schema) {
    long size = orZero(schema.sizeBytes());
    long bySize = (size + BYTES_PER_SEGMENT - 1) / BYTES_PER_SEGMENT;
    return (int) Math.max(MIN_AUTO_SEGMENTS, Math.min(MAX_AUTO_SEGMENTS, bySize));
  }

  /**
   * Pages of up to 1 MB (DynamoDB's own cap), smaller under a tight read limit so that one page
   * costs no more than about a second of each thread's share of the budget.
   */
  static int autoPageSize(
      TableSchema schema, CapacityLimiter limiter, int threads, BackupPlan plan) {
    long count = orZero(schema.itemCount());
    long avg = count > 0 ? Math.max(1, orZero(schema.sizeBytes()) / count) : 1024;
    double pageBytes = MAX_PAGE_BYTES;
    if (!Double.isInfinite(limiter.unitsPerSecond())) {
      double bytesPerUnit = plan.consistentRead() ? 4096 : 8192;
      pageBytes = Math.min(pageBytes, limiter.unitsPerSecond() * bytesPerUnit / threads);
    }
    return (int) Math.max(1, Math.min(10_000, pageBytes / avg));
  }

  private static String contentType(BackupPlan plan) {
    return switch (plan.compression()) {
      case GZIP -> "application/gzip";
      case ZSTD -> "application/zstd";
      case NONE -> plan.format() == FileFormat.CSV ? "text/csv" : "application/json";
    };
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
