package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.Fault;
import io.dynamodbbackup.testing.FaultInjector;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.LogLines;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.SentHeaders;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
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

  /** The SDK's system properties for the request checksum setting and the config file. */
  private static final String CHECKSUM_PROPERTY = "aws.requestChecksumCalculation";

  private static final String CONFIG_FILE_PROPERTY = "aws.configFile";

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final S3Client s3;
  private final Map<S3Store, S3Client> clients = new EnumMap<>(S3Store.class);
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

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource({
    "S3PROXY, csv, , none, .csv",
    "S3PROXY, csv, --encode, none, .csv",
    "S3PROXY, csv, , gzip, .csv.gz",
    "S3PROXY, csv, --encode, zstd, .csv.zst",
    "S3PROXY, dynamodb-json, , gzip, .json.gz",
    "S3PROXY, dynamodb-json, , none, .json",
    "S3RVER, csv, , gzip, .csv.gz",
    "S3RVER, dynamodb-json, , none, .json",
  })
  void backup_storesEveryItemExactlyWithAManifestThatDescribesTheBytes(
      S3Store store, String format, String encode, String compression, String extension)
      throws Exception {
    String bucket = engines.createBucket(store);
    List<String> args =
        new ArrayList<>(
            List.of("-t", table, "-b", bucket, "--format", format, "--compress", compression));
    if (encode != null) {
      args.add(encode);
    }
    ToolRunner.Result result =
        new ToolRunner(engines).store(store).runLocal(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    S3Client s3 = s3(store);
    List<String> keys = BackupFiles.keys(s3, bucket);
    assertThat(keys).hasSize(2);
    String dataKey = keys.stream().filter(k -> !k.endsWith(".manifest.json")).findFirst().get();
    String name = table + "_\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00";
    // The original tool's key for csv; DynamoDB JSON keeps its data alone under data/, ready for
    // AWS's ImportTable, with the manifest beside that folder.
    assertThat(dataKey)
        .matches(
            format.equals("csv")
                ? table + "/" + name + "\\Q" + extension + "\\E"
                : table + "/(" + name + ")/data/\\1\\Q" + extension + "\\E");
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

  /**
   * Issue 9: over plain HTTP the SDK streamed bodies in aws-chunked framing, which s3rver (like
   * many S3-compatible stores) keeps as part of the object, so the stored bytes matched neither the
   * table nor the manifest's digest. A small backup goes up in one PutObject, a large one in parts.
   */
  @Test
  void backup_toS3rver_storesExactlyTheBytesItsManifestDescribes_inOnePutAndInParts()
      throws Exception {
    String small = engines.createBucket(S3Store.S3RVER);
    String large = engines.createBucket(S3Store.S3RVER);
    SentHeaders smallCalls = new SentHeaders();
    SentHeaders largeCalls = new SentHeaders();

    ToolRunner.Result one =
        new ToolRunner(engines)
            .store(S3Store.S3RVER)
            .intercept(smallCalls)
            .runLocal("-t", table, "-b", small, "--compress", "none");
    ToolRunner.Result parts =
        new ToolRunner(engines)
            .store(S3Store.S3RVER)
            .intercept(largeCalls)
            .runLocal("-t", largeTable, "-b", large, "--part-size-mb", "5", "--compress", "none");

    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(parts.exitCode()).as(parts.toString()).isZero();
    assertThat(smallCalls.operations()).contains("PutObject").doesNotContain("UploadPart");
    assertThat(largeCalls.operations()).contains("UploadPart", "CompleteMultipartUpload");
    // Each body went whole, signed by its SHA-256, not as STREAMING-AWS4-HMAC-SHA256-PAYLOAD.
    assertThat(smallCalls.values("PutObject", "x-amz-content-sha256"))
        .isNotEmpty()
        .allMatch(v -> v.matches("[0-9a-f]{64}"));
    assertThat(largeCalls.values("UploadPart", "x-amz-content-sha256"))
        .isNotEmpty()
        .allMatch(v -> v.matches("[0-9a-f]{64}"));
    S3Client s3rver = s3(S3Store.S3RVER);
    assertStoredExactly(s3rver, small, tableItems);
    assertStoredExactly(s3rver, large, largeItems);
    assertThat(BackupFiles.get(s3rver, large, dataKey(s3rver, large)))
        .hasSizeGreaterThan(2 * 5 * 1024 * 1024);
  }

  /**
   * The one backup in {@code bucket}, read back with a plain GetObject, holds exactly {@code
   * items}.
   */
  private static void assertStoredExactly(
      S3Client s3, String bucket, List<Map<String, AttributeValue>> items) throws Exception {
    String dataKey = dataKey(s3, bucket);
    byte[] stored = BackupFiles.get(s3, bucket, dataKey);
    byte[] manifestBytes = BackupFiles.get(s3, bucket, dataKey + ".manifest.json");
    // Where aws-chunked framing ("20000;chunk-signature=...") would start; -1 for none.
    assertThat(new String(stored, StandardCharsets.ISO_8859_1).indexOf("chunk-signature"))
        .as("offset of chunk-signature in the object")
        .isEqualTo(-1);
    assertThat(new String(manifestBytes, StandardCharsets.ISO_8859_1).indexOf("chunk-signature"))
        .as("offset of chunk-signature in the manifest")
        .isEqualTo(-1);
    assertThat(BackupFiles.items(stored, dataKey)).containsExactlyInAnyOrderElementsOf(items);
    Manifest manifest = BackupFiles.manifest(s3, bucket, dataKey);
    assertThat(manifest.sha256()).isEqualTo(sha256(stored));
    assertThat(manifest.byteCount()).isEqualTo(stored.length);
    assertThat(manifest.itemCount()).isEqualTo(items.size());
  }

  /**
   * Against an S3-compatible store the tool sends a checksum only where an operation requires one,
   * unless the user asks for more through any of the SDK's own settings.
   */
  @ParameterizedTest(name = "asked in: {0}")
  @ValueSource(strings = {"nowhere", "environment", "system property", "profile"})
  void backup_toAnS3CompatibleStore_sendsRequestChecksumsOnlyWhereTheSdkSettingAsks(
      String where, @TempDir Path dir) throws Exception {
    String bucket = engines.createBucket();
    SentHeaders sent = new SentHeaders();
    ToolRunner tool = new ToolRunner(engines).intercept(sent);
    List<String> args = new ArrayList<>(List.of("-t", table, "-b", bucket));
    switch (where) {
      case "environment" -> tool.env("AWS_REQUEST_CHECKSUM_CALCULATION", "when_supported");
      case "system property" -> System.setProperty(CHECKSUM_PROPERTY, "when_supported");
      case "profile" -> {
        Path config = dir.resolve("config");
        Files.writeString(
            config, "[profile checksums]\nrequest_checksum_calculation = when_supported\n");
        System.setProperty(CONFIG_FILE_PROPERTY, config.toString());
        args.addAll(List.of("--profile", "checksums"));
      }
      default -> {}
    }
    ToolRunner.Result result;
    try {
      result = tool.runLocal(args.toArray(String[]::new));
    } finally {
      System.clearProperty(CHECKSUM_PROPERTY);
      System.clearProperty(CONFIG_FILE_PROPERTY);
    }

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> checksumHeaders =
        sent.names("PutObject").stream()
            .filter(
                h -> h.startsWith("x-amz-checksum-") || h.equals("x-amz-sdk-checksum-algorithm"))
            .toList();
    String sentNames = "PutObject's headers " + sent.names("PutObject");
    if (where.equals("nowhere")) {
      assertThat(checksumHeaders).as(sentNames).isEmpty();
    } else {
      assertThat(checksumHeaders).as(sentNames).isNotEmpty();
    }
    assertStoredExactly(s3, bucket, tableItems);
  }

  /** As the AWS CLI does: without -r or AWS_REGION, the profile's region is the region. */
  @Test
  void profile_suppliesTheRegion(@TempDir Path dir) throws Exception {
    String small = engines.uniqueTableName("profile-region");
    TestTables.create(dynamo, small, "pk", ScalarAttributeType.S);
    TestTables.load(dynamo, small, TestItems.small(5, 5));
    String bucket = engines.createBucket();
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile far]\nregion = ap-southeast-2\n");
    ToolRunner.Result result;
    System.setProperty(CONFIG_FILE_PROPERTY, config.toString());
    try {
      result =
          new ToolRunner(engines)
              .run(
                  "-t",
                  small,
                  "-b",
                  bucket,
                  "--profile",
                  "far",
                  "--dynamodb-endpoint",
                  engines.dynamoEndpoint().toString(),
                  "--s3-endpoint",
                  engines.s3Endpoint().toString());
    } finally {
      System.clearProperty(CONFIG_FILE_PROPERTY);
    }

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(BackupFiles.manifest(s3, bucket, dataKey(bucket)).region())
        .isEqualTo("ap-southeast-2");
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
  void scanResponsesCorruptedInTransit_areCaughtByTheirCrc32AndReadAgain() throws Exception {
    String bucket = engines.createBucket();
    CorruptFirstScans corrupt = new CorruptFirstScans(3);
    ToolRunner.Result result;
    List<String> log;
    try (LogLines lines = new LogLines()) {
      result =
          new ToolRunner(engines)
              .intercept(corrupt)
              .runLocal("-t", table, "-b", bucket, "--page-size", "50", "--segments", "2");
      log = lines.lines();
    }

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(corrupt.corrupted()).isEqualTo(3);
    assertThat(log).anyMatch(l -> l.startsWith("INFO backed up") && l.contains(", 3 retries)"));
    String dataKey = dataKey(bucket);
    assertThat(BackupFiles.items(BackupFiles.get(s3, bucket, dataKey), dataKey))
        .containsExactlyInAnyOrderElementsOf(tableItems);
  }

  /**
   * Flips one byte inside an item of the first {@code count} Scan responses, leaving the engine's
   * x-amz-crc32 header as it was: what a bad network card or proxy would do.
   */
  private static final class CorruptFirstScans implements ExecutionInterceptor {
    private final AtomicInteger left;
    private final AtomicInteger done = new AtomicInteger();

    CorruptFirstScans(int count) {
      this.left = new AtomicInteger(count);
    }

    int corrupted() {
      return done.get();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (!"Scan".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
          || context.responseBody().isEmpty()
          || left.getAndDecrement() <= 0) {
        return context.responseBody();
      }
      try (InputStream in = context.responseBody().get()) {
        byte[] body = in.readAllBytes();
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("\"S\":\"") + 5;
        body[at] ^= 0x01;
        done.incrementAndGet();
        return Optional.of(new ByteArrayInputStream(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
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
    TestTables.awaitActive(dynamo, provisioned);
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

  /**
   * A client of {@code store}, made on first use so that s3rver starts only when a test needs it.
   */
  private S3Client s3(S3Store store) {
    return clients.computeIfAbsent(store, engines::s3);
  }

  private String dataKey(String bucket) {
    return dataKey(s3, bucket);
  }

  private static String dataKey(S3Client s3, String bucket) {
    return BackupFiles.keys(s3, bucket).stream()
        .filter(k -> !k.endsWith(".manifest.json"))
        .findFirst()
        .orElseThrow();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
