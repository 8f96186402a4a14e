package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.cli.Main;
import io.dynamodbbackup.cli.ToolContext;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.format.ItemEncoders;
import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.format.LineBuffer;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.testing.Fault;
import io.dynamodbbackup.testing.FaultInjector;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The restore command end to end against dynalite, S3Proxy and moto, run in-process; its main path
 * from S3 also against s3rver.
 */
@ExtendWith(LocalEnginesExtension.class)
class RestoreIT {

  private final LocalEngines engines;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  RestoreIT(LocalEngines engines) {
    this.engines = engines;
  }

  // ---- round trips ----

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "csv-json, none",
    "csv-json, gzip",
    "csv-json, zstd",
    "csv-base64, none",
    "csv-base64, gzip",
    "csv-base64, zstd",
    "dynamodb-json, none",
    "dynamodb-json, gzip",
    "dynamodb-json, zstd"
  })
  void restore_createsTheTableAsBackedUpAndWritesEveryItem(String format, String compression)
      throws IOException {
    String source = engines.uniqueTableName("src");
    List<Map<String, AttributeValue>> items = TestItems.everyType(7, 60);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      createIndexedTable(dynamo, source);
      dynamo.waiter().waitUntilTableExists(r -> r.tableName(source));
      TestTables.load(dynamo, source, items);
    }
    List<String> backup =
        new ArrayList<>(
            List.of(
                "backup", "-t", source, "--output-dir", dir.toString(), "--compress", compression));
    backup.addAll(
        switch (format) {
          case "csv-base64" -> List.of("--format", "csv", "--encode");
          case "csv-json" -> List.of("--format", "csv");
          default -> List.of("--format", "dynamodb-json");
        });
    assertThat(tool(backup.toArray(String[]::new))).as(err.toString()).isZero();
    String target = engines.uniqueTableName("dst");

    int status =
        tool("restore", "--file", dataFile(source).toString(), "-t", target, "--create-table");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("restored 60 items (0 rejected) into table " + target);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(byKey(TestTables.scanAll(dynamo, target))).isEqualTo(byKey(items));
      TableDescription created = dynamo.describeTable(r -> r.tableName(target)).table();
      assertThat(created.keySchema()).hasSize(2);
      assertThat(
              created.billingModeSummary() == null
                  ? BillingMode.PROVISIONED
                  : created.billingModeSummary().billingMode())
          .isEqualTo(BillingMode.PROVISIONED);
      assertThat(created.provisionedThroughput().writeCapacityUnits()).isEqualTo(1000L);
      assertThat(created.globalSecondaryIndexes())
          .singleElement()
          .satisfies(g -> assertThat(g.indexName()).isEqualTo("by-s"));
      assertThat(created.localSecondaryIndexes())
          .singleElement()
          .satisfies(l -> assertThat(l.indexName()).isEqualTo("by-n"));
    }
  }

  @ParameterizedTest
  @EnumSource(S3Store.class)
  void restore_fromS3_createsTheTableAsBackedUpAndWritesEveryItem(S3Store store) {
    List<Map<String, AttributeValue>> items = TestItems.everyType(9, 60);
    String source = tableOf("s3-src", items);
    String bucket = engines.createBucket(store);
    ToolRunner tool = new ToolRunner(engines).store(store);
    ToolRunner.Result backup = tool.runLocal("backup", "-t", source, "-b", bucket);
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String target = engines.uniqueTableName("s3-dst");

    ToolRunner.Result restore =
        tool.runLocal(
            "restore",
            "s3://" + bucket + "/" + dataKey(store, bucket),
            "-t",
            target,
            "--create-table");

    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("restored 60 items (0 rejected) into table " + target);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(byKey(TestTables.scanAll(dynamo, target))).isEqualTo(byKey(items));
    }
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void restore_fromS3_reappliesTtlPointInTimeRecoveryAndTags() throws IOException {
    engines.resetMoto();
    String source = engines.uniqueTableName("moto-src");
    String bucket = engines.createBucket();
    List<Map<String, AttributeValue>> items = TestItems.everyType(3, 20);
    try (DynamoDbClient dynamo = engines.motoDynamo()) {
      TestTables.create(dynamo, source, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
      dynamo.updateTimeToLive(
          r ->
              r.tableName(source)
                  .timeToLiveSpecification(t -> t.enabled(true).attributeName("exp")));
      dynamo.updateContinuousBackups(
          r ->
              r.tableName(source)
                  .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
      String arn = dynamo.describeTable(r -> r.tableName(source)).table().tableArn();
      dynamo.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("team").value("data")));
      TestTables.load(dynamo, source, items);
    }
    assertThat(
            toolAt(
                engines.motoEndpoint(),
                List.of(),
                "backup",
                "-t",
                source,
                "-b",
                bucket,
                "--sse",
                "none"))
        .as(err.toString())
        .isZero();
    String target = engines.uniqueTableName("moto-dst");

    int status =
        toolAt(
            engines.motoEndpoint(),
            List.of(),
            "restore",
            "s3://" + bucket + "/" + dataKey(S3Store.S3PROXY, bucket),
            "-t",
            target,
            "--create-table");

    assertThat(status).as(err.toString()).isZero();
    try (DynamoDbClient dynamo = engines.motoDynamo()) {
      assertThat(byKey(TestTables.scanAll(dynamo, target))).isEqualTo(byKey(items));
      assertThat(dynamo.describeTimeToLive(r -> r.tableName(target)).timeToLiveDescription())
          .satisfies(t -> assertThat(t.attributeName()).isEqualTo("exp"))
          .satisfies(t -> assertThat(t.timeToLiveStatusAsString()).isEqualTo("ENABLED"));
      assertThat(
              dynamo
                  .describeContinuousBackups(r -> r.tableName(target))
                  .continuousBackupsDescription()
                  .pointInTimeRecoveryDescription()
                  .pointInTimeRecoveryStatusAsString())
          .isEqualTo("ENABLED");
      String arn = dynamo.describeTable(r -> r.tableName(target)).table().tableArn();
      assertThat(dynamo.listTagsOfResource(r -> r.resourceArn(arn)).tags())
          .singleElement()
          .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=data"));
    }
  }

  // ---- other sources ----

  @Test
  void restore_intoAProvisionedTableUsesNoMoreThanItsShareOfWriteCapacity() throws IOException {
    String source = engines.uniqueTableName("wsrc");
    String target = engines.uniqueTableName("wdst");
    List<Map<String, AttributeValue>> items = TestItems.everyType(12, 200);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, source, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
      TestTables.load(dynamo, source, items);
      dynamo.createTable(
          r ->
              r.tableName(target)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("pk")
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName("sk")
                          .attributeType(ScalarAttributeType.N)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                      KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                  .provisionedThroughput(p -> p.readCapacityUnits(40L).writeCapacityUnits(40L)));
      TestTables.awaitActive(dynamo, target);
    }
    assertThat(tool("backup", "-t", source, "--output-dir", dir.toString())).isZero();

    int status =
        tool(
            "restore",
            "--file",
            dataFile(source).toString(),
            "-t",
            target,
            "--write-capacity-percent",
            "50");

    assertThat(status).as(err.toString()).isZero();
    Matcher summary =
        Pattern.compile("restored 200 items \\(0 rejected\\).* in ([0-9.]+) s, ([0-9.]+) WCU")
            .matcher(out.toString());
    assertThat(summary.find()).as(out.toString()).isTrue();
    double seconds = Double.parseDouble(summary.group(1));
    double consumed = Double.parseDouble(summary.group(2));
    // 50 % of 40 WCU is 20 WCU/s. The budget allows a burst of one second's worth, and the last
    // batch of 25 items is paid for after it is sent: nothing faster than that.
    assertThat(consumed).isGreaterThan(150);
    assertThat(seconds).isGreaterThanOrEqualTo(0.9 * (consumed - 20 - 25) / 20);
  }

  @Test
  void restore_readsTheOriginalToolsFile_base64LinesNodeBuffersAndNoFinalNewline()
      throws IOException {
    String bucket = engines.createBucket();
    String table = engines.uniqueTableName("legacy");
    String[] lines = {
      "{\"id\":{\"S\":\"a\"},\"rate\":{\"N\":\"0.6550358501120767\"},"
          + "\"bin\":{\"B\":{\"type\":\"Buffer\",\"data\":[104,105]}}}",
      "{\"id\":{\"S\":\"b\"},\"bin\":{\"B\":[0,255]},"
          + "\"set\":{\"BS\":[{\"type\":\"Buffer\",\"data\":[1]},[2,3]]}}",
      "{\"id\":{\"S\":\"c\"},\"n\":{\"N\":\"12345678901234567890123456789012345678\"}}"
    };
    StringBuilder file = new StringBuilder();
    for (String line : lines) {
      file.append(file.length() == 0 ? "" : "\n")
          .append(Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)));
    }
    String key = table + "/" + table + "_2015-12-09T08:56:26+00:00.csv";
    put(bucket, key, file.toString().getBytes(StandardCharsets.UTF_8));
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "id", ScalarAttributeType.S);
    }

    int status = tool("restore", "s3://" + bucket + "/" + key, "-t", table);

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("restored 3 items (0 rejected)");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      Map<String, Map<String, AttributeValue>> restored =
          byKey(TestTables.scanAll(dynamo, table), "id");
      assertThat(restored.get("a").get("bin").b().asUtf8String()).isEqualTo("hi");
      assertThat(restored.get("a").get("rate").n()).isEqualTo("0.6550358501120767");
      assertThat(restored.get("b").get("bin").b().asByteArray()).containsExactly(0, (byte) 255);
      assertThat(restored.get("b").get("set").bs()).hasSize(2);
      assertThat(restored.get("c").get("n").n())
          .isEqualTo("12345678901234567890123456789012345678");
    }
  }

  @Test
  void restore_readsAnAwsExportFolder_checkingEachDataFilesMd5AndCount() throws IOException {
    String bucket = engines.createBucket();
    String table = engines.uniqueTableName("export");
    List<Map<String, AttributeValue>> items = TestItems.everyType(11, 50);
    String folder = "exports/AWSDynamoDB/01700000000000-abcdef12";
    StringBuilder manifest = new StringBuilder();
    for (int part = 0; part < 2; part++) {
      List<Map<String, AttributeValue>> slice = items.subList(part * 25, part * 25 + 25);
      byte[] gz = gzip(exportLines(slice));
      String dataKey = folder + "/data/part" + part + "xyz.json.gz";
      put(bucket, dataKey, gz);
      manifest.append(
          String.format(
              "{\"itemCount\":%d,\"md5Checksum\":\"%s\",\"etag\":\"%s\",\"dataFileS3Key\":\"%s\"}\n",
              slice.size(), md5Base64(gz), "etag" + part, dataKey));
    }
    put(
        bucket,
        folder + "/manifest-files.json",
        manifest.toString().getBytes(StandardCharsets.UTF_8));
    put(
        bucket,
        folder + "/manifest-summary.json",
        ("{\"version\":\"2020-06-30\",\"exportArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/"
                + table
                + "/export/01700000000000-abcdef12\",\"tableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/"
                + table
                + "\",\"outputFormat\":\"DYNAMODB_JSON\",\"itemCount\":50}")
            .getBytes(StandardCharsets.UTF_8));
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    int status = tool("restore", "s3://" + bucket + "/" + folder + "/");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("restored 50 items (0 rejected) into table " + table);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(byKey(TestTables.scanAll(dynamo, table))).isEqualTo(byKey(items));
    }
  }

  // ---- faults ----

  @Test
  void restore_writesEveryItemExactlyOnce_whenHalfOfEachBatchComesBackUnprocessed()
      throws IOException {
    FaultInjector faults = FaultInjector.builder().seed(5).unprocessedItems(0.5).build();
    assertEveryItemWrittenDespite(faults);
    assertThat(faults.unprocessedItems()).isGreaterThan(50);
  }

  @Test
  void restore_writesEveryItemExactlyOnce_whenBatchWriteItemIsThrottled() throws IOException {
    FaultInjector faults =
        FaultInjector.builder().seed(1).fail("BatchWriteItem", Fault.THROTTLING, 0.3).build();
    assertEveryItemWrittenDespite(faults);
    assertThat(faults.injected("BatchWriteItem")).isPositive();
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "CONNECTION_DROPPED"})
  void restore_writesEveryItemExactlyOnce_whenBatchWriteItemFailsInTransit(Fault fault)
      throws IOException {
    FaultInjector faults =
        FaultInjector.builder().seed(2).fail("BatchWriteItem", fault, 0.3).build();
    assertEveryItemWrittenDespite(faults);
    assertThat(faults.injected("BatchWriteItem")).isPositive();
  }

  private void assertEveryItemWrittenDespite(FaultInjector faults) throws IOException {
    String table = engines.uniqueTableName("faults");
    List<Map<String, AttributeValue>> items = TestItems.everyType(21, 200);
    Path file = dir.resolve("items.csv");
    Files.write(file, base64Lines(items));
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    int status =
        toolAt(
            engines.dynamoEndpoint(),
            List.of(faults),
            "restore",
            "--file",
            file.toString(),
            "-t",
            table);

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("restored 200 items (0 rejected)");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      List<Map<String, AttributeValue>> restored = TestTables.scanAll(dynamo, table);
      assertThat(restored).hasSize(200);
      assertThat(byKey(restored)).isEqualTo(byKey(items));
    }
  }

  @Test
  void restore_putsItemsDynamoDbRefusesInTheRejectFile_writesTheRest_andExits1()
      throws IOException {
    String table = engines.uniqueTableName("rejects");
    Path file = dir.resolve("mixed.csv");
    Files.writeString(
        file,
        "{\"id\":{\"S\":\"good-1\"}}\n"
            + "{\"id\":{\"S\":\"bad\"},\"n\":{\"N\":\"not-a-number\"}}\n"
            + "{\"id\":{\"S\":\"good-2\"}}\n");
    Path rejects = dir.resolve("rejected.jsonl");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "id", ScalarAttributeType.S);
    }

    int status =
        tool(
            "restore", "--file", file.toString(), "-t", table, "--reject-file", rejects.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("restored 2 items (1 rejected)")
        .contains(rejects.toString());
    assertThat(err.toString()).contains("refused 1 items").contains(rejects.toString());
    assertThat(Files.readAllLines(rejects))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("{\"item\":{\"id\":{\"S\":\"bad\"}")
                    .contains("\"error\":"));
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(byKey(TestTables.scanAll(dynamo, table), "id"))
          .containsOnlyKeys("good-1", "good-2");
    }
  }

  @Test
  void restore_failsNamingTheFileAndLine_whenALineIsCorrupt() throws IOException {
    String table = engines.uniqueTableName("corrupt");
    Path file = dir.resolve("corrupt.csv");
    Files.writeString(
        file, "{\"id\":{\"S\":\"a\"}}\n{\"id\":{\"S\":\"b\"}\n{\"id\":{\"S\":\"c\"}}\n");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "id", ScalarAttributeType.S);
    }

    int status = tool("restore", "--file", file.toString(), "-t", table);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains(file + ":2: ");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void restore_failsNamingTheFile_whenTheGzipFileIsTruncated() throws IOException {
    String table = engines.uniqueTableName("truncated");
    byte[] gz = gzip(base64Lines(TestItems.everyType(4, 100)));
    Path file = dir.resolve("items.csv.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length / 2));
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    int status = tool("restore", "--file", file.toString(), "-t", table);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains(file.toString()).contains("truncated");
  }

  @Test
  void restore_failsNamingTheFile_whenTheChecksumDoesNotMatchTheManifest() throws IOException {
    String source = tableOf("sum-src", TestItems.everyType(8, 10));
    assertThat(tool("backup", "-t", source, "--output-dir", dir.toString())).isZero();
    Path data = dataFile(source);
    // Same items, one byte more: parses fine, but is not the file the manifest describes.
    Files.write(data, (Files.readString(data) + "\n").getBytes(StandardCharsets.UTF_8));
    String target = engines.uniqueTableName("sum-dst");

    int status = tool("restore", "--file", data.toString(), "-t", target, "--create-table");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains(data.toString()).contains("checksum mismatch");
  }

  @Test
  void restore_refusesATableWithOtherKeys_beforeWritingAnything() throws IOException {
    String source = tableOf("keys-src", TestItems.everyType(8, 10));
    assertThat(tool("backup", "-t", source, "--output-dir", dir.toString())).isZero();
    String target = engines.uniqueTableName("keys-dst");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, target, "id", ScalarAttributeType.S);
    }

    int status = tool("restore", "--file", dataFile(source).toString(), "-t", target);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains("id (S, HASH)")
        .contains("pk (S, HASH), sk (N, RANGE)")
        .contains(target);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(TestTables.scanAll(dynamo, target)).isEmpty();
    }
  }

  @Test
  void restore_refusesATableThatAlreadyHoldsItems_unlessAllowed() throws IOException {
    String table = engines.uniqueTableName("nonempty");
    Path file = dir.resolve("one.csv");
    Files.writeString(file, "{\"id\":{\"S\":\"new\"}}");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "id", ScalarAttributeType.S);
      TestTables.load(dynamo, table, List.of(Map.of("id", AttributeValue.fromS("old"))));
    }

    assertThat(tool("restore", "--file", file.toString(), "-t", table)).isEqualTo(1);
    assertThat(err.toString()).contains("--allow-existing-items");
    assertThat(tool("restore", "--file", file.toString(), "-t", table, "--allow-existing-items"))
        .isZero();
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(TestTables.scanAll(dynamo, table)).hasSize(2);
    }
  }

  @Test
  void restore_failsNamingTheObject_whenItIsMissing() {
    String bucket = engines.createBucket();

    int status = tool("restore", "s3://" + bucket + "/users/nothing-here.csv", "-t", "whatever");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains("s3://" + bucket + "/users/nothing-here.csv")
        .contains("no such object")
        .doesNotContain("whatever does not exist");
  }

  // ---- helpers ----

  private int tool(String... args) {
    return toolAt(engines.dynamoEndpoint(), List.of(), args);
  }

  private int toolAt(URI dynamoEndpoint, List<ExecutionInterceptor> interceptors, String... args) {
    ToolContext context =
        new ToolContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            null,
            Map.of(),
            engines.credentials(),
            interceptors,
            Duration.ofMillis(1),
            Duration.ofMillis(20),
            Duration.ofSeconds(30),
            Clock.system());
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(
        List.of(
            "-r",
            engines.region().id(),
            "--dynamodb-endpoint",
            dynamoEndpoint.toString(),
            "--s3-endpoint",
            engines.s3Endpoint().toString(),
            "--s3-path-style",
            "--max-retry-time",
            "60s"));
    return new Main(context).run(all.toArray(String[]::new));
  }

  /** A new table in dynalite keyed like {@link TestItems} (pk, sk) that holds {@code items}. */
  private String tableOf(String hint, List<Map<String, AttributeValue>> items) {
    String table = engines.uniqueTableName(hint);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
      TestTables.load(dynamo, table, items);
    }
    return table;
  }

  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  private static void createIndexedTable(DynamoDbClient dynamo, String table) {
    dynamo.createTable(
        r ->
            r.tableName(table)
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(1000L).writeCapacityUnits(1000L))
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                    a -> a.attributeName("s").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("n").attributeType(ScalarAttributeType.N))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by-s")
                            .keySchema(k -> k.attributeName("s").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                            .provisionedThroughput(
                                p -> p.readCapacityUnits(1000L).writeCapacityUnits(1000L)))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("by-n")
                            .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("n").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
    TestTables.awaitActive(dynamo, table);
  }

  private Path dataFile(String table) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve(table))) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".manifest.json"))
          .findFirst()
          .orElseThrow();
    }
  }

  private String dataKey(S3Store store, String bucket) {
    try (S3Client s3 = engines.s3(store)) {
      return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
          .map(o -> o.key())
          .filter(k -> !k.endsWith(".manifest.json"))
          .findFirst()
          .orElseThrow();
    }
  }

  private void put(String bucket, String key, byte[] bytes) {
    try (S3Client s3 = engines.s3()) {
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
  }

  private static Map<String, Map<String, AttributeValue>> byKey(
      List<Map<String, AttributeValue>> items) {
    Map<String, Map<String, AttributeValue>> map = new TreeMap<>();
    items.forEach(i -> map.put(i.get("pk").s(), new TreeMap<>(i)));
    return map;
  }

  private static Map<String, Map<String, AttributeValue>> byKey(
      List<Map<String, AttributeValue>> items, String key) {
    Map<String, Map<String, AttributeValue>> map = new TreeMap<>();
    items.forEach(i -> map.put(i.get(key).s(), i));
    return map;
  }

  private static byte[] base64Lines(List<Map<String, AttributeValue>> items) {
    LineBuffer lines = new LineBuffer(1024);
    for (Map<String, AttributeValue> item : items) {
      ItemEncoders.of(FileFormat.CSV, true).encode(item, lines);
    }
    return Arrays.copyOf(lines.bytes(), lines.size());
  }

  private static byte[] exportLines(List<Map<String, AttributeValue>> items) {
    StringBuilder lines = new StringBuilder();
    for (Map<String, AttributeValue> item : items) {
      lines
          .append("{\"Item\":")
          .append(new String(ItemJson.toBytes(item), StandardCharsets.UTF_8))
          .append("}\n");
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static String md5Base64(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
