package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.ExportTables;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.RequestRecorder;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.S3SseAlgorithm;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code backup --engine export} end to end against moto, which implements ExportTableToPointInTime
 * and DescribeExport and writes the export into its own S3: the whole API flow, and this tool's
 * manifest beside what moto wrote. moto writes no manifest-files.json, so its exports are recorded
 * as unverified; the AWS layout is proven from fixtures (ExportSourceIT).
 */
@ExtendWith(LocalEnginesExtension.class)
class ExportBackupIT {

  private final LocalEngines engines;
  private final DynamoDbClient moto;
  private final S3Client s3;

  ExportBackupIT(LocalEngines engines) {
    this.engines = engines;
    this.moto = engines.motoDynamo();
    this.s3 = engines.motoS3();
  }

  @Test
  void exportEngine_exportsTheTable_andWritesAManifestWithTheSchemaAndEveryFile() throws Exception {
    String table = indexedTable("full", true);
    List<Map<String, AttributeValue>> items = TestItems.everyType(3, 30);
    TestTables.load(moto, table, items);
    String bucket = engines.createMotoBucket();
    Instant at = Instant.parse("2026-11-25T02:00:00Z");

    ToolRunner.Result result =
        tool().runOnMoto(args(table, bucket, "--engine", "export", "--export-time", at.toString()));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    ExportKey key = new ExportKey("", table, at);
    assertThat(result.out())
        .contains("exported 30 items of table " + table + " at " + at)
        .contains("s3://" + bucket + "/" + key.folder())
        .contains("unverified");
    ExportManifest manifest = manifest(bucket, key);
    assertThat(manifest.exportType()).isEqualTo("FULL_EXPORT");
    assertThat(manifest.exportTime()).isEqualTo(at);
    assertThat(manifest.exportArn()).isNotBlank();
    assertThat(manifest.itemCount()).isEqualTo(30);
    assertThat(manifest.verified()).isFalse();
    assertThat(manifest.unverifiedReason()).contains("manifest-files.json");
    TableSchema schema = manifest.table();
    assertThat(schema.keySchema())
        .containsExactly(
            new TableSchema.KeyElement("pk", "HASH"), new TableSchema.KeyElement("sk", "RANGE"));
    assertThat(schema.globalSecondaryIndexes()).extracting("indexName").containsExactly("by-email");
    assertThat(schema.pointInTimeRecovery()).isTrue();
    assertThat(schema.tags()).isEqualTo(Map.of("team", "payments"));
    List<Map<String, AttributeValue>> exported = new ArrayList<>();
    for (ExportManifest.File file : manifest.files()) {
      assertThat(file.key()).startsWith(key.exportPrefix() + "/AWSDynamoDB/");
      byte[] stored = BackupFiles.get(s3, bucket, file.key());
      assertThat(file.bytes()).isEqualTo(stored.length);
      exported.addAll(BackupFiles.items(stored, file.key()));
    }
    assertThat(exported)
        .hasSize(items.size())
        .containsExactlyInAnyOrderElementsOf(TestTables.scanAll(moto, table));
  }

  @Test
  void exportEngine_asksAwsForAFullDynamoDbJsonExport_underTheBackupsPrefix_encryptedAsTheBackup()
      throws Exception {
    String table = indexedTable("request", true);
    TestTables.load(moto, table, TestItems.everyType(4, 5));
    String bucket = engines.createMotoBucket();
    Instant at = Instant.parse("2026-11-25T02:00:00Z");
    RequestRecorder<ExportTableToPointInTimeRequest> requests =
        new RequestRecorder<>(ExportTableToPointInTimeRequest.class);

    ToolRunner.Result result =
        tool()
            .intercept(requests)
            .runOnMoto(
                args(
                    table,
                    bucket,
                    "--engine",
                    "export",
                    "--prefix",
                    "nightly/",
                    "--export-time",
                    "2026-11-25T03:00:00+01:00"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    ExportTableToPointInTimeRequest request = requests.requests().get(0);
    assertThat(request.exportType()).isEqualTo(ExportType.FULL_EXPORT);
    assertThat(request.exportFormat()).isEqualTo(ExportFormat.DYNAMODB_JSON);
    assertThat(request.exportTime()).isEqualTo(at);
    assertThat(request.s3Bucket()).isEqualTo(bucket);
    assertThat(request.s3Prefix()).isEqualTo(new ExportKey("nightly", table, at).exportPrefix());
    assertThat(request.s3SseAlgorithm()).isEqualTo(S3SseAlgorithm.AES256);
    assertThat(request.tableArn()).endsWith(":table/" + table);
    assertThat(request.clientToken()).hasSize(32);
    assertThat(BackupFiles.keys(s3, bucket))
        .contains(new ExportKey("nightly", table, at).manifestKey());
  }

  @Test
  void exportEngine_runAgainWithTheSameTime_findsTheExportDone_andStartsNoOther() {
    String table = indexedTable("again", true);
    TestTables.load(moto, table, TestItems.everyType(5, 7));
    String bucket = engines.createMotoBucket();
    RequestRecorder<ExportTableToPointInTimeRequest> requests =
        new RequestRecorder<>(ExportTableToPointInTimeRequest.class);
    String[] args =
        args(table, bucket, "--engine", "export", "--export-time", "2026-11-25T02:00:00Z");

    ToolRunner.Result first = tool().intercept(requests).runOnMoto(args);
    ToolRunner.Result second = tool().intercept(requests).runOnMoto(args);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).startsWith("already exported 7 items of table " + table);
    assertThat(requests.requests()).hasSize(1);
  }

  @Test
  void exportEngine_failsInOneLineSayingHowToTurnItOn_whenPointInTimeRecoveryIsOff() {
    String table = indexedTable("no-pitr", false);
    String bucket = engines.createMotoBucket();

    ToolRunner.Result result = tool().runOnMoto(args(table, bucket, "--engine", "export"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err().strip().lines())
        .last()
        .asString()
        .contains("point-in-time recovery is off for table " + table)
        .contains("--enable-pitr")
        .contains("update-continuous-backups");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
  }

  @Test
  void exportEngine_withEnablePitr_turnsPointInTimeRecoveryOnAndExports() {
    String table = indexedTable("enable-pitr", false);
    TestTables.load(moto, table, TestItems.everyType(6, 4));
    String bucket = engines.createMotoBucket();

    ToolRunner.Result result =
        tool().runOnMoto(args(table, bucket, "--engine", "export", "--enable-pitr"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("exported 4 items");
    assertThat(
            moto.describeContinuousBackups(r -> r.tableName(table))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription()
                .pointInTimeRecoveryStatus())
        .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
  }

  @Test
  void exportEngine_endsWithAwsFailureCodeAndMessage_whenTheExportFails() {
    String table = indexedTable("fails", true);
    // moto's export fails when its S3 has no such bucket.
    String bucket = "no-such-bucket-" + table.toLowerCase(java.util.Locale.ROOT);

    ToolRunner.Result result = tool().runOnMoto(args(table, bucket, "--engine", "export"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("export of table " + table)
        .contains("FAILED: S3NoSuchBucket: The specified bucket does not exist");
  }

  // ------------------------------------------------------------------ helpers

  private ToolRunner tool() {
    return new ToolRunner(engines);
  }

  /** {@code backup -t table -b bucket more...}, to run against moto's DynamoDB and S3. */
  private static String[] args(String table, String bucket, String... more) {
    List<String> args = new ArrayList<>(List.of("backup", "-t", table, "-b", bucket));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private ExportManifest manifest(String bucket, ExportKey key) throws Exception {
    return new ManifestJson()
        .readExport(BackupFiles.get(s3, bucket, key.manifestKey()), key.manifestKey());
  }

  private String indexedTable(String hint, boolean pitr) {
    String table = engines.uniqueTableName(hint);
    ExportTables.create(moto, table, pitr);
    return table;
  }
}
