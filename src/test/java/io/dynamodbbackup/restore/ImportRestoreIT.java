package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.AwsExportFixture;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.ExportTables;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.RequestRecorder;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code restore --engine import} end to end against moto, which implements ImportTable and
 * DescribeImport and reads the files from its own S3: the table is created by the import, then
 * given what ImportTable cannot set.
 */
@ExtendWith(LocalEnginesExtension.class)
class ImportRestoreIT {

  private final LocalEngines engines;
  private final DynamoDbClient moto;
  private final S3Client s3;

  ImportRestoreIT(LocalEngines engines) {
    this.engines = engines;
    this.moto = engines.motoDynamo();
    this.s3 = engines.motoS3();
  }

  @Test
  void importEngine_createsTheTableFromADynamoDbJsonBackup_thenSetsTtlTagsPitrAndStream() {
    String source = richTable("import-src", false);
    List<Map<String, AttributeValue>> items = TestItems.plain(21, 40);
    TestTables.load(moto, source, items);
    String bucket = engines.createMotoBucket();
    backUpAsJson(source, bucket);
    String target = engines.uniqueTableName("imported");
    RequestRecorder<ImportTableRequest> imports = new RequestRecorder<>(ImportTableRequest.class);

    ToolRunner.Result result = importInto(imports, bucket, target);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("imported 40 items into the new table " + target);
    ImportTableRequest request = imports.requests().get(0);
    assertThat(request.inputCompressionType()).isEqualTo(InputCompressionType.GZIP);
    assertThat(request.s3BucketSource().s3KeyPrefix()).endsWith("/data/");
    assertThat(TestItems.byKey(TestTables.scanAll(moto, target)))
        .isEqualTo(TestItems.byKey(TestTables.scanAll(moto, source)));
    TableDescription created = moto.describeTable(r -> r.tableName(target)).table();
    assertThat(created.keySchema()).hasSize(2);
    assertThat(created.globalSecondaryIndexes())
        .extracting("indexName")
        .containsExactly("by-email");
    assertThat(created.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
    assertThat(
            moto.describeTimeToLive(r -> r.tableName(target))
                .timeToLiveDescription()
                .timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(
            moto.describeContinuousBackups(r -> r.tableName(target))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription()
                .pointInTimeRecoveryStatus())
        .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
    assertThat(moto.listTagsOfResource(r -> r.resourceArn(created.tableArn())).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("team=payments");
  }

  @Test
  void importEngine_importsAFullExport_fromItsDataFolder() {
    String source = richTable("import-export", false);
    TestTables.load(moto, source, TestItems.plain(22, 15));
    String bucket = engines.createMotoBucket();
    Instant at = Instant.parse("2026-11-25T02:00:00Z");
    assertThat(
            onMoto(
                    "backup",
                    "-t",
                    source,
                    "-b",
                    bucket,
                    "--engine",
                    "export",
                    "--export-time",
                    at.toString())
                .exitCode())
        .isZero();
    String target = engines.uniqueTableName("from-export");

    ToolRunner.Result result =
        onMoto(
            "restore",
            "s3://"
                + bucket
                + "/"
                + new io.dynamodbbackup.manifest.ExportKey("", source, at).folder(),
            "--engine",
            "import",
            "-t",
            target);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("imported 15 items");
    assertThat(TestItems.byKey(TestTables.scanAll(moto, target)))
        .isEqualTo(TestItems.byKey(TestTables.scanAll(moto, source)));
  }

  @Test
  void importEngine_refusesATableWithLocalSecondaryIndexes_beforeStartingAnImport() {
    String source = richTable("import-lsi", true);
    TestTables.load(moto, source, TestItems.plain(23, 5));
    String bucket = engines.createMotoBucket();
    backUpAsJson(source, bucket);
    RequestRecorder<ImportTableRequest> imports = new RequestRecorder<>(ImportTableRequest.class);

    ToolRunner.Result result = importInto(imports, bucket, engines.uniqueTableName("never"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("local secondary indexes (by-created)")
        .contains("--engine write");
    assertThat(imports.requests()).isEmpty();
  }

  @Test
  void importEngine_reportsTheImportsErrors_andExits1() {
    String source = richTable("import-errors", false);
    TestTables.load(moto, source, TestItems.plain(24, 5));
    String bucket = engines.createMotoBucket();
    backUpAsJson(source, bucket);
    String dataKey = dataKey(bucket);
    // An item without its sort key, beside the backup's file: ImportTable counts it as an error.
    s3.putObject(
        r ->
            r.bucket(bucket)
                .key(dataKey.substring(0, dataKey.lastIndexOf('/') + 1) + "bad.json.gz"),
        RequestBody.fromBytes(
            AwsExportFixture.gzip(
                "{\"Item\":{\"pk\":{\"S\":\"no-sort-key\"}}}\n".getBytes(StandardCharsets.UTF_8))));
    String target = engines.uniqueTableName("partial");

    ToolRunner.Result result =
        onMoto("restore", "s3://" + bucket + "/" + dataKey, "--engine", "import", "-t", target);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("into table " + target + " ended FAILED")
        .contains("1 errors");
  }

  @Test
  void importEngine_refusesACsvBackup_sayingWhy() {
    String source = richTable("import-csv", false);
    TestTables.load(moto, source, TestItems.plain(25, 3));
    String bucket = engines.createMotoBucket();
    assertThat(onMoto("backup", "-t", source, "-b", bucket).exitCode()).isZero();

    ToolRunner.Result result =
        onMoto(
            "restore",
            "s3://" + bucket + "/" + dataKey(bucket),
            "--engine",
            "import",
            "-t",
            engines.uniqueTableName("never"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("this backup is csv").contains("--format dynamodb-json");
  }

  // ------------------------------------------------------------------ helpers

  private void backUpAsJson(String table, String bucket) {
    ToolRunner.Result backup =
        onMoto("backup", "-t", table, "-b", bucket, "--format", "dynamodb-json");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
  }

  /** {@code restore --engine import} of the backup in {@code bucket} into the new {@code table}. */
  private ToolRunner.Result importInto(
      RequestRecorder<ImportTableRequest> imports, String bucket, String table) {
    return onMoto(
        imports,
        "restore",
        "s3://" + bucket + "/" + dataKey(bucket),
        "--engine",
        "import",
        "-t",
        table);
  }

  private ToolRunner.Result onMoto(String... args) {
    return new ToolRunner(engines).runOnMoto(args);
  }

  private ToolRunner.Result onMoto(RequestRecorder<?> recorder, String... args) {
    return new ToolRunner(engines).intercept(recorder).runOnMoto(args);
  }

  private String dataKey(String bucket) {
    return BackupFiles.keys(s3, bucket).stream()
        .filter(k -> !k.endsWith(".manifest.json"))
        .findFirst()
        .orElseThrow();
  }

  /** A table with every setting ImportTable cannot make, and a local index if asked. */
  private String richTable(String hint, boolean localIndex) {
    String table = engines.uniqueTableName(hint);
    ExportTables.createForImport(moto, table, localIndex);
    return table;
  }
}
