package io.dynamodbbackup.restore;

import io.dynamodbbackup.ClientTokens;
import io.dynamodbbackup.Heartbeat;
import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.dynamo.TableImports;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.schema.TableCreator;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.source.DataFile;
import io.dynamodbbackup.source.LocatedBackup;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableCreationParameters;

/**
 * Restores with AWS's Import from S3: DynamoDB creates a new table from the files of a full export
 * or of a {@code dynamodb-json} backup, using no write capacity; this tool then sets what
 * ImportTable cannot (time to live, tags, point-in-time recovery, the stream) as the backup
 * recorded them. What ImportTable cannot create at all (local secondary indexes) is refused before
 * it starts.
 */
final class ImportRestore {

  private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(30);

  /** Where ImportTable reads from: a prefix that holds the data files and nothing else. */
  private record Input(String keyPrefix, InputCompressionType compression) {}

  private final JobContext context;
  private final EventLog log;

  ImportRestore(JobContext context) {
    this.context = context;
    this.log = context.log();
  }

  RestoreResult run(RestorePlan plan, LocatedBackup source, long startNanos) {
    String table = plan.table();
    TableSchema schema = source.schema();
    Input input = input(source);
    if (!schema.localSecondaryIndexes().isEmpty()) {
      throw new JobFailedException(
          "cannot import "
              + source.uri()
              + ": the table had local secondary indexes ("
              + String.join(
                  ", ",
                  schema.localSecondaryIndexes().stream()
                      .map(TableSchema.SecondaryIndex::indexName)
                      .toList())
              + "), which ImportTable cannot create; restore with --engine write (the default),"
              + " which creates them",
          null);
    }
    CreateTableRequest create = TableCreator.request(schema, table, plan.billingMode());
    TableCreationParameters.Builder table0 =
        TableCreationParameters.builder()
            .tableName(table)
            .attributeDefinitions(create.attributeDefinitions())
            .keySchema(create.keySchema())
            .billingMode(create.billingMode())
            .provisionedThroughput(create.provisionedThroughput())
            .sseSpecification(create.sseSpecification());
    if (create.hasGlobalSecondaryIndexes()) {
      table0.globalSecondaryIndexes(create.globalSecondaryIndexes());
    }
    ImportTableRequest request =
        ImportTableRequest.builder()
            .clientToken(ClientTokens.of(plan.bucket() + "/" + input.keyPrefix() + "|" + table))
            .s3BucketSource(b -> b.s3Bucket(plan.bucket()).s3KeyPrefix(input.keyPrefix()))
            .inputFormat(InputFormat.DYNAMODB_JSON)
            .inputCompressionType(input.compression())
            .tableCreationParameters(table0.build())
            .build();
    log.info(
        "importing s3://"
            + plan.bucket()
            + "/"
            + input.keyPrefix()
            + " ("
            + input.compression()
            + ") into the new table "
            + table
            + " with AWS Import from S3 (no write capacity used)");
    TableImports imports = new TableImports(context.dynamo(), context.retrier());
    ImportTableDescription ended;
    try {
      ImportTableDescription started = imports.start(request);
      ended = imports.await(started.importArn(), progress(table, source.itemCount()));
    } catch (ResourceInUseException e) {
      throw new JobFailedException(
          "cannot import into table "
              + table
              + ": it already exists, and ImportTable creates a new table; name another, or"
              + " restore with --engine write",
          e);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "import of "
              + source.uri()
              + " into table "
              + table
              + " failed: "
              + JobFailedException.reason(e),
          e);
    }
    long errors = ended.errorCount() == null ? 0 : ended.errorCount();
    String logGroup =
        ended.cloudWatchLogGroupArn() == null
            ? "AWS's /aws-dynamodb/imports log group"
            : "CloudWatch log group " + ended.cloudWatchLogGroupArn();
    if (ended.importStatus() != ImportStatus.COMPLETED || errors > 0) {
      throw new JobFailedException(
          String.format(
              Locale.ROOT,
              "import of %s into table %s ended %s%s: %d of %s items imported, %d errors (see %s);"
                  + " the table may hold part of the items: delete it before importing again",
              source.uri(),
              table,
              ended.importStatusAsString(),
              ended.failureCode() == null
                  ? ""
                  : " (" + ended.failureCode() + ": " + ended.failureMessage() + ")",
              ended.importedItemCount() == null ? 0 : ended.importedItemCount(),
              ended.processedItemCount(),
              errors,
              logGroup),
          null);
    }
    try {
      new TableCreator(context.dynamo(), context.retrier(), log::info)
          .finishImported(schema, table, TABLE_ACTIVE_TIMEOUT);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "imported into table "
              + table
              + " but could not set its time to live, tags, point-in-time recovery or stream: "
              + JobFailedException.reason(e),
          e);
    }
    long imported = ended.importedItemCount() == null ? 0 : ended.importedItemCount();
    log.info(
        String.format(
            Locale.ROOT,
            "imported %,d items into table %s, 0 errors (%s); set time to live, tags,"
                + " point-in-time recovery and stream as recorded",
            imported,
            table,
            logGroup));
    return new RestoreResult(
        table,
        source.uri(),
        imported,
        0,
        null,
        Duration.ofNanos(context.clock().nanoTime() - startNanos),
        0,
        context.retrier().retries(),
        source.export() == null ? null : source.export().manifest().exportTime());
  }

  /** The prefix and compression ImportTable reads, or why this backup cannot be imported. */
  private static Input input(LocatedBackup source) {
    String refusal =
        switch (source.kind()) {
          case NO_MANIFEST -> "it has no manifest, so no table schema to create the table from";
          case EXPORT ->
              "an AWS export folder records no table schema; give the export manifest this tool"
                  + " wrote beside it";
          default -> null;
        };
    if (refusal == null && source.manifest() != null) {
      Manifest m = source.manifest();
      String prefix = BackupKey.parse(m.dataKey()).map(BackupKey::dataPrefix).orElse(null);
      if (!"dynamodb-json".equals(m.format()) || prefix == null) {
        refusal =
            "ImportTable reads DynamoDB JSON files alone under a prefix, and this backup is "
                + m.format()
                + " (back up with --format dynamodb-json to import)";
      } else {
        return new Input(prefix, compression(m.compression()));
      }
    }
    if (refusal == null && source.export() != null) {
      ExportManifest m = source.export().manifest();
      if (m.incremental()) {
        refusal =
            "an incremental export holds changes, not a table; import the full export of its"
                + " chain, or restore the chain with --engine write";
      } else {
        String folder = null;
        for (DataFile f : source.files()) {
          String parent = f.key().substring(0, f.key().lastIndexOf('/') + 1);
          folder = folder == null || folder.equals(parent) ? parent : "";
        }
        if (folder != null && !folder.isEmpty()) {
          return new Input(folder, InputCompressionType.GZIP);
        }
        refusal = "its data files are not in one folder of their own";
      }
    }
    throw new JobFailedException(
        "cannot import "
            + source.uri()
            + " with --engine import: "
            + refusal
            + "; restore it with --engine write (the default)",
        null);
  }

  private static InputCompressionType compression(String cliName) {
    return switch (cliName) {
      case "gzip" -> InputCompressionType.GZIP;
      case "zstd" -> InputCompressionType.ZSTD;
      default -> InputCompressionType.NONE;
    };
  }

  private Consumer<ImportTableDescription> progress(String table, Long expected) {
    Heartbeat beat = context.heartbeat();
    return d -> {
      if (d.importStatus() == ImportStatus.IN_PROGRESS && beat.due()) {
        log.info(
            String.format(
                Locale.ROOT,
                "import into table %s: %s for %d s, %,d%s items processed, %,d errors",
                table,
                d.importStatusAsString(),
                beat.seconds(),
                d.processedItemCount() == null ? 0 : d.processedItemCount(),
                expected == null ? "" : String.format(Locale.ROOT, " of %,d", expected),
                d.errorCount() == null ? 0 : d.errorCount()));
      }
    };
  }
}
