package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.Fault;
import io.dynamodbbackup.testing.FaultInjector;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/** Backups of real tables in dynalite to a real S3 API (S3Proxy), read back independently. */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupIT {

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final S3Client s3;
  private String table;
  private List<Map<String, AttributeValue>> tableItems;
  private String largeTable;
  private List<Map<String, AttributeValue>> largeItems;

  BackupIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
    this.s3 = engines.s3();
  }

  @BeforeAll
  void loadSharedTable() {
    table = engines.uniqueTableName("every-type");
    TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.everyType(1, 600));
    for (int i = 0; i < 4; i++) {
      items.add(TestItems.large(2, i, 350_000));
    }
    TestTables.load(dynamo, table, items);
    tableItems = TestTables.scanAll(dynamo, table);
    assertThat(tableItems).hasSize(604);

    largeTable = engines.uniqueTableName("large");
    TestTables.create(dynamo, largeTable, "pk", ScalarAttributeType.S);
    List<Map<String, AttributeValue>> large = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      large.add(TestItems.large(5, i, 350_000));
    }
    TestTables.load(dynamo, largeTable, large);
    largeItems = TestTables.scanAll(dynamo, largeTable);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "csv, , none, .csv",
    "csv, --encode, none, .csv",
    "csv, , gzip, .csv.gz",
    "csv, --encode, zstd, .csv.zst",
    "dynamodb-json, , gzip, .json.gz",
    "dynamodb-json, , none, .json",
  })
  void backup_storesEveryItemExactlyWithAManifestThatDescribesTheBytes(
      String format, String encode, String compression, String extension) throws Exception {
    String bucket = engines.createBucket();
    List<String> args =
        new ArrayList<>(
            List.of("-t", table, "-b", bucket, "--format", format, "--compress", compression));
    if (encode != null) {
      args.add(encode);
    }
    ToolRunner.Result result = new ToolRunner(engines).runLocal(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> keys = BackupFiles.keys(s3, bucket);
    assertThat(keys).hasSize(2);
    String dataKey = keys.stream().filter(k -> !k.endsWith(".manifest.json")).findFirst().get();
    assertThat(dataKey)
        .matches(
            table
                + "/"
                + table
                + "_\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00\\Q"
                + extension
                + "\\E");
    assertThat(result.out())
        .contains("backed up 604 items")
        .contains("s3://" + bucket + "/" + dataKey);

    byte[] stored = BackupFiles.get(s3, bucket, dataKey);
    assertThat(BackupFiles.items(stored, dataKey)).containsExactlyInAnyOrderElementsOf(tableItems);
    Manifest manifest = BackupFiles.manifest(s3, bucket, dataKey);
    assertThat(manifest.itemCount()).isEqualTo(604);
    assertThat(manifest.byteCount()).isEqualTo(stored.length);
    assertThat(manifest.sha256()).isEqualTo(sha256(stored));
    assertThat(manifest.format()).isEqualTo(format);
    assertThat(manifest.compression()).isEqualTo(compression);
    assertThat(manifest.encoding()).isEqualTo(encode == null ? "json" : "base64");
    assertThat(manifest.dataKey()).isEqualTo(dataKey);
    assertThat(manifest.table().keySchema()).hasSize(1);
  }

  @Test
  void backup_canWriteTheOriginalToolsBase64FileWithNoNewlineAfterTheLastLine() throws Exception {
    String bucket = engines.createBucket();
    ToolRunner.Result result =
        new ToolRunner(engines)
            .runLocal(
                "-t", table, "-b", bucket, "--encode", "--segments", "1", "--no-final-newline");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String dataKey = dataKey(bucket);
    byte[] stored = BackupFiles.get(s3, bucket, dataKey);
    String text = new String(stored, java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(text).doesNotEndWith("\n").doesNotContain("\r");
    assertThat(text.split("\n", -1))
        .hasSize(604)
        .allSatisfy(line -> assertThat(line).matches("[A-Za-z0-9+/]+={0,2}"));
    assertThat(BackupFiles.items(stored, dataKey)).containsExactlyElementsOf(tableItems);
    assertThat(BackupFiles.manifest(s3, bucket, dataKey).sha256()).isEqualTo(sha256(stored));
  }

  @Test
  void backup_splitsALargeFileIntoPartsAndSurvivesServerErrorsOnUploads() throws Exception {
    String bucket = engines.createBucket();
    FaultInjector faults =
        FaultInjector.builder().seed(3).fail("UploadPart", Fault.INTERNAL_ERROR, 0.3).build();
    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(faults)
            .runLocal("-t", largeTable, "-b", bucket, "--part-size-mb", "5", "--segments", "3");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String dataKey = dataKey(bucket);
    byte[] stored = BackupFiles.get(s3, bucket, dataKey);
    assertThat(stored.length).isGreaterThan(2 * 5 * 1024 * 1024);
    assertThat(BackupFiles.items(stored, dataKey)).containsExactlyInAnyOrderElementsOf(largeItems);
    assertThat(BackupFiles.manifest(s3, bucket, dataKey).sha256()).isEqualTo(sha256(stored));
    assertThat(faults.injected("UploadPart")).isPositive();
  }

  @Test
  void backup_isCompleteAndExactWhenThirtyPercentOfScansAreThrottled() throws Exception {
    String bucket = engines.createBucket();
    FaultInjector faults =
        FaultInjector.builder()
            .seed(11)
            .fail("Scan", Fault.THROUGHPUT_EXCEEDED, 0.3)
            .failFirst("DescribeTable", Fault.CONNECTION_DROPPED, 2)
            .build();
    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(faults)
            .runLocal("-t", table, "-b", bucket, "--page-size", "25", "--segments", "4");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String dataKey = dataKey(bucket);
    assertThat(BackupFiles.items(BackupFiles.get(s3, bucket, dataKey), dataKey))
        .containsExactlyInAnyOrderElementsOf(tableItems);
    assertThat(faults.injected("Scan")).isGreaterThan(5);
    assertThat(faults.injected("DescribeTable")).isEqualTo(2);
  }

  @Test
  void backup_ofAProvisionedTableUsesNoMoreThanItsShareOfReadCapacity() throws Exception {
    String provisioned = engines.uniqueTableName("provisioned");
    dynamo.createTable(
        r ->
            r.tableName(provisioned)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .provisionedThroughput(p -> p.readCapacityUnits(100L).writeCapacityUnits(100L)));
    TestTables.load(dynamo, provisioned, TestItems.everyType(8, 600));
    String bucket = engines.createBucket();

    ToolRunner.Result result =
        new ToolRunner(engines)
            .runLocal(
                "-t",
                provisioned,
                "-b",
                bucket,
                "--read-capacity-percent",
                "5",
                "--page-size",
                "50");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Matcher took = Pattern.compile(" in ([0-9.]+) s to ").matcher(result.out());
    assertThat(took.find()).as(result.out()).isTrue();
    double seconds = Double.parseDouble(took.group(1));
    double consumed = BackupFiles.manifest(s3, bucket, dataKey(bucket)).consumedReadCapacity();
    // 5 % of 100 RCU is 5 RCU/s; the budget allows a burst of one second's worth, no more.
    assertThat(consumed).isGreaterThan(30);
    assertThat(seconds).isGreaterThanOrEqualTo(0.9 * (consumed - 5) / 5);
  }

  @Test
  void backup_stoppedBySigtermAbortsItsUploadAndLeavesNothing(@TempDir Path dir) throws Exception {
    String bucket = engines.createBucket();
    Path output = dir.resolve("backup.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("tool.jar", "target/dynamodb-backup.jar"),
                "-t",
                largeTable,
                "-b",
                bucket,
                "--part-size-mb",
                "5",
                "--page-size",
                "1",
                "--max-rcu",
                "100",
                "--dynamodb-endpoint",
                engines.dynamoEndpoint().toString(),
                "--s3-endpoint",
                engines.s3Endpoint().toString(),
                "--region",
                "us-east-1")
            .redirectErrorStream(true)
            // To a file: destroy() closes the pipes, and the last lines come after it.
            .redirectOutput(output.toFile());
    builder.environment().put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    Process tool = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().isEmpty()) {
      assertThat(tool.isAlive()).as("the backup ended before its upload began").isTrue();
      assertThat(System.nanoTime()).as("no multipart upload began").isLessThan(deadline);
      Thread.sleep(100);
    }

    // Let the tool take in the upload id S3 just returned: a stop that lands inside
    // CreateMultipartUpload itself leaves the upload to the bucket's lifecycle rule.
    Thread.sleep(1_000);
    tool.destroy(); // SIGTERM, as ECS stops a task

    assertThat(tool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(output);
    assertThat(tool.exitValue()).as(printed).isNotZero();
    assertThat(printed).contains("interrupted, the process is stopping; the upload was aborted");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).as(printed).isEmpty();
  }

  @Test
  void backup_ofAnEmptyTableIsAnEmptyFileWithAManifestSayingZero() throws Exception {
    String empty = engines.uniqueTableName("empty");
    TestTables.create(dynamo, empty, "id", ScalarAttributeType.N);
    String bucket = engines.createBucket();

    ToolRunner.Result result = new ToolRunner(engines).runLocal("-t", empty, "-b", bucket);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String dataKey = dataKey(bucket);
    assertThat(BackupFiles.get(s3, bucket, dataKey)).isEmpty();
    Manifest manifest = BackupFiles.manifest(s3, bucket, dataKey);
    assertThat(manifest.itemCount()).isZero();
    assertThat(manifest.byteCount()).isZero();
    assertThat(result.out()).contains("backed up 0 items");
  }

  @Test
  void backup_ofAMissingTableFailsNamingItAndLeavesNothing() {
    String bucket = engines.createBucket();
    ToolRunner.Result result =
        new ToolRunner(engines).runLocal("-t", "no-such-table", "-b", bucket);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no-such-table").contains("no such table");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
  }

  @Test
  void backup_toAMissingBucketFailsNamingItBeforeScanning() {
    FaultInjector counter = FaultInjector.builder().build();
    ToolRunner.Result result =
        new ToolRunner(engines).intercept(counter).runLocal("-t", table, "-b", "no-such-bucket");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("s3://no-such-bucket/");
  }

  @Test
  void backup_withBadCredentialsFailsAndLeavesNoObject() {
    String bucket = engines.createBucket();
    ToolRunner.Result result =
        new ToolRunner(engines)
            .credentials(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalEngines.ACCESS_KEY, "wrong-secret")))
            .runLocal("-t", table, "-b", bucket);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cannot write to s3://" + bucket + "/").contains("403");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
  }

  @Test
  void backup_failingMidUploadAbortsAndLeavesNoObjectNoManifestNoUpload() {
    String bucket = engines.createBucket();
    FaultInjector faults =
        FaultInjector.builder().failFirst("UploadPart", Fault.INTERNAL_ERROR, 10_000).build();
    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(faults)
            .runLocal(
                "-t", largeTable, "-b", bucket, "--part-size-mb", "5", "--max-retry-time", "200ms");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("UploadPart")
        .contains("s3://" + bucket + "/" + largeTable + "/");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
  }

  private String dataKey(String bucket) {
    return BackupFiles.keys(s3, bucket).stream()
        .filter(k -> !k.endsWith(".manifest.json"))
        .findFirst()
        .orElseThrow();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
