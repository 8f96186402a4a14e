package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.testing.AwsExportFixture;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.ExportTables;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backups through AWS Export to S3, read back: the export's files as AWS documents them (fixtures
 * written into S3Proxy, DescribeExport from moto pointed at them) are checked and recorded with
 * their MD5s and counts, then verified, listed and restored; moto's own export, without AWS's
 * manifests, is recorded unverified and still restores.
 */
@ExtendWith(LocalEnginesExtension.class)
class ExportRestoreIT {

  private static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");

  private final LocalEngines engines;
  private final DynamoDbClient moto;
  private final S3Client s3;

  ExportRestoreIT(LocalEngines engines) {
    this.engines = engines;
    this.moto = engines.motoDynamo();
    this.s3 = engines.s3();
  }

  @Test
  void export_isCheckedAgainstAwsManifest_thenVerifiesListsAndRestoresItemForItem()
      throws Exception {
    String table = exportable("aws-layout");
    String bucket = bothBuckets();
    List<Map<String, AttributeValue>> items = TestItems.everyType(11, 50);
    ExportKey key = new ExportKey("", table, AT);
    new AwsExportFixture(s3, bucket)
        .full(
            key.exportPrefix(),
            arn(table),
            AT,
            List.of(items.subList(0, 20), items.subList(20, 50)));

    ToolRunner.Result backup = exportToS3Proxy(table, bucket);

    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    assertThat(backup.out()).contains("exported 50 items").contains("verified against AWS");
    ExportManifest manifest =
        new ManifestJson().readExport(BackupFiles.get(s3, bucket, key.manifestKey()), "manifest");
    assertThat(manifest.verified()).isTrue();
    assertThat(manifest.itemCount()).isEqualTo(50);
    assertThat(manifest.exportFolder())
        .isEqualTo(key.exportPrefix() + "/AWSDynamoDB/" + AwsExportFixture.EXPORT_ID);
    assertThat(manifest.files())
        .extracting(ExportManifest.File::itemCount)
        .containsExactly(20L, 30L);
    assertThat(manifest.files()).allSatisfy(f -> assertThat(f.md5()).hasSize(24));

    String uri = "s3://" + bucket + "/" + key.folder();
    ToolRunner.Result verify = new ToolRunner(engines).runLocal("verify", uri);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("50 items in 2 files, md5 ok, every line parses");

    ToolRunner.Result list = new ToolRunner(engines).runLocal("list", "-b", bucket);
    assertThat(list.out().lines().skip(1).toList())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains(" 50 ")
                    .contains("export")
                    .contains("COMPLETE ")
                    .endsWith(uri));

    // Into moto, which sets the point-in-time recovery and tags the manifest records.
    String target = engines.uniqueTableName("from-export");
    ToolRunner.Result restore =
        new ToolRunner(engines)
            .runAt(
                engines.motoEndpoint(),
                engines.s3Endpoint(),
                "restore",
                uri,
                "-t",
                target,
                "--create-table");
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("restored 50 items").contains("as of " + AT);
    assertThat(TestItems.byKey(TestTables.scanAll(moto, target))).isEqualTo(TestItems.byKey(items));
    assertThat(moto.describeTable(r -> r.tableName(target)).table().globalSecondaryIndexes())
        .extracting("indexName")
        .containsExactly("by-email");
  }

  @Test
  void export_fails_andWritesNoManifest_whenAFileAwsListsIsNotInTheBucket() {
    String table = exportable("missing-file");
    String bucket = bothBuckets();
    ExportKey key = new ExportKey("", table, AT);
    String folder =
        new AwsExportFixture(s3, bucket)
            .full(key.exportPrefix(), arn(table), AT, List.of(TestItems.everyType(12, 5)));
    String dataKey =
        BackupFiles.keys(s3, bucket).stream()
            .filter(k -> k.contains("/data/"))
            .findFirst()
            .orElseThrow();
    s3.deleteObject(r -> r.bucket(bucket).key(dataKey));

    ToolRunner.Result backup = exportToS3Proxy(table, bucket);

    assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
    assertThat(backup.err())
        .contains(folder + "/manifest-files.json lists s3://" + bucket + "/" + dataKey)
        .contains("not in the store");
    assertThat(BackupFiles.keys(s3, bucket)).doesNotContain(key.manifestKey());
  }

  @Test
  void verify_failsNamingTheFile_whenAnExportedFileNoLongerHasAwsMd5() {
    String table = exportable("changed-file");
    String bucket = bothBuckets();
    ExportKey key = new ExportKey("", table, AT);
    List<Map<String, AttributeValue>> items = TestItems.everyType(13, 6);
    new AwsExportFixture(s3, bucket).full(key.exportPrefix(), arn(table), AT, List.of(items));
    assertThat(exportToS3Proxy(table, bucket).exitCode()).isZero();
    String dataKey =
        BackupFiles.keys(s3, bucket).stream()
            .filter(k -> k.contains("/data/"))
            .findFirst()
            .orElseThrow();
    StringBuilder lines = new StringBuilder();
    for (Map<String, AttributeValue> item : TestItems.everyType(14, 6)) {
      lines
          .append("{\"Item\":")
          .append(
              new String(
                  io.dynamodbbackup.format.ItemJson.toBytes(item),
                  java.nio.charset.StandardCharsets.UTF_8))
          .append("}\n");
    }
    s3.putObject(
        r -> r.bucket(bucket).key(dataKey),
        RequestBody.fromBytes(
            AwsExportFixture.gzip(
                lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    ToolRunner.Result verify =
        new ToolRunner(engines).runLocal("verify", "s3://" + bucket + "/" + key.folder());

    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
    assertThat(verify.err())
        .contains("s3://" + bucket + "/" + dataKey + ": checksum mismatch: MD5");
  }

  @Test
  void motosExport_withoutAwsManifests_isRecordedUnverified_andStillRestores() {
    String table = exportable("moto-layout");
    List<Map<String, AttributeValue>> items = TestItems.everyType(15, 25);
    TestTables.load(moto, table, items);
    String bucket = engines.createMotoBucket();
    ToolRunner.Result backup =
        onMotoS3(
            "backup",
            "-t",
            table,
            "-b",
            bucket,
            "--engine",
            "export",
            "--export-time",
            AT.toString());
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String uri = "s3://" + bucket + "/" + new ExportKey("", table, AT).folder();

    ToolRunner.Result verify = onMotoS3("verify", uri);
    ToolRunner.Result list = onMotoS3("list", "-b", bucket);
    String target = engines.uniqueTableName("from-moto");
    ToolRunner.Result restore = onMotoS3("restore", uri, "-t", target, "--create-table");

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("25 items").contains("count ok, no checksums");
    assertThat(list.out()).contains("COMPLETE (unverified)");
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("restored 25 items (0 rejected)");
    assertThat(TestItems.byKey(TestTables.scanAll(moto, target)))
        .isEqualTo(TestItems.byKey(TestTables.scanAll(moto, table)));
  }

  // ------------------------------------------------------------------ helpers

  /** An export at {@link #AT} through moto's DynamoDB, reading the fixtures in S3Proxy. */
  private ToolRunner.Result exportToS3Proxy(String table, String bucket) {
    return AwsExportFixture.export(
        new ToolRunner(engines), engines, table, bucket, "--export-time", AT.toString());
  }

  /** The tool against moto, DynamoDB and S3. */
  private ToolRunner.Result onMotoS3(String... args) {
    return new ToolRunner(engines).runOnMoto(args);
  }

  /** A moto table with point-in-time recovery, as an export needs. */
  private String exportable(String hint) {
    String table = engines.uniqueTableName(hint);
    ExportTables.create(moto, table, true);
    return table;
  }

  /**
   * A bucket in S3Proxy, where the fixtures are, and one of the same name in moto's S3, where
   * moto's export writes.
   */
  private String bothBuckets() {
    String bucket = engines.createBucket();
    try (S3Client motoS3 = engines.motoS3()) {
      motoS3.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  private String arn(String table) {
    return moto.describeTable(r -> r.tableName(table)).table().tableArn();
  }
}
