package io.dynamodbbackup.deploy;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamodbbackup.testing.AwsExportFixture;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.ExportChainBuilder;
import io.dynamodbbackup.testing.Fault;
import io.dynamodbbackup.testing.FaultInjector;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.LogLines;
import io.dynamodbbackup.testing.OperationRecorder;
import io.dynamodbbackup.testing.SettableClock;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Least privilege, proven: runs the tool in-process through every path a task role must allow,
 * against dynalite, moto and S3Proxy, records each AWS operation it calls, maps the operations to
 * the IAM actions they need and checks that the role's inline policy in deploy/dynamodb-backup.yaml
 * grants exactly those, nothing missing and nothing more.
 *
 * <p>Which command runs under which role (template and docs/DEPLOY.md): the backup task definition,
 * with BackupTaskRole, runs the image with no command, a backup of TABLE_NAME; the restore task
 * definition, with RestoreTaskRole, runs the {@code restore ...} command given by hand. Both may
 * log to CloudWatch Logs themselves (ToolCloudWatchLogging=true), so both paths log here.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeastPrivilegeIT {

  /**
   * The IAM action each S3 operation needs, from the S3 actions reference. DynamoDB, CloudWatch
   * Logs and STS operations need the action of the same name ({@code dynamodb:Scan}, {@code
   * logs:PutLogEvents}, {@code sts:AssumeRole}). An operation missing here fails the test until it
   * is added.
   */
  private static final Map<String, String> S3_ACTIONS =
      Map.ofEntries(
          entry("s3:PutObject", "s3:PutObject"),
          entry("s3:CreateMultipartUpload", "s3:PutObject"),
          entry("s3:UploadPart", "s3:PutObject"),
          entry("s3:CompleteMultipartUpload", "s3:PutObject"),
          entry("s3:AbortMultipartUpload", "s3:AbortMultipartUpload"),
          entry("s3:ListParts", "s3:ListMultipartUploadParts"),
          entry("s3:ListMultipartUploads", "s3:ListBucketMultipartUploads"),
          entry("s3:GetObject", "s3:GetObject"),
          entry("s3:HeadObject", "s3:GetObject"),
          entry("s3:ListObjectsV2", "s3:ListBucket"),
          entry("s3:HeadBucket", "s3:ListBucket"),
          entry("s3:DeleteObject", "s3:DeleteObject"));

  /**
   * What an operation needs besides its own action when the tool relies on a 404 answer: S3 answers
   * a missing key with 403 Access Denied, not 404, unless the caller may list the bucket. A restore
   * tells "not an export folder", "no manifest beside this file" and "no such object" by that 404.
   */
  private static final Map<String, String> NOT_FOUND_ACTIONS =
      Map.of("s3:GetObject", "s3:ListBucket", "s3:HeadObject", "s3:ListBucket");

  /**
   * Granted though the tool never calls them itself, only when a KmsKeyArn is given (the template
   * grants them under HasKmsKey): S3 calls KMS on the caller's behalf for the bucket's SSE-KMS
   * default encryption, GenerateDataKey to encrypt what a backup writes and Decrypt to complete a
   * multipart upload or read an object.
   */
  private static final Set<String> BACKUP_ALLOWANCE =
      Set.of(
          "kms:Decrypt",
          "kms:GenerateDataKey",
          // DynamoDB writes an export's objects with the caller's permissions (the developer
          // guide's "Requesting a table export"); the tool never calls it.
          "s3:PutObjectAcl");

  /**
   * Also granted though the tool never calls them: ImportTable writes the items it refuses to the
   * /aws-dynamodb/ log groups with the caller's permissions (the developer guide's "Requesting a
   * table import" lists these with the ones the tool calls for its own log).
   */
  private static final Set<String> RESTORE_ALLOWANCE =
      Set.of(
          "kms:Decrypt",
          "logs:DescribeLogGroups",
          "logs:DescribeLogStreams",
          "logs:PutRetentionPolicy");

  private final LocalEngines engines;
  private final DynamoDbClient moto;
  private final S3Client s3;
  private JsonNode template;
  @TempDir Path dir;

  LeastPrivilegeIT(LocalEngines engines) {
    this.engines = engines;
    this.moto = engines.motoDynamo();
    this.s3 = engines.s3();
  }

  @BeforeAll
  void readTemplate() throws Exception {
    template = CfnTemplate.read(CfnTemplate.PATH);
  }

  @Test
  void backupTaskRole_grantsExactlyWhatEveryBackupPathCalls() {
    OperationRecorder calls = new OperationRecorder();

    // A nightly run as the task runs it: no arguments, the environment only, logging to CloudWatch
    // Logs; the table has TTL, point-in-time recovery, tags and a stream to describe.
    String table = richMotoTable("backup");
    String bucket = engines.createBucket();
    ToolRunner.Result nightly =
        backupTask(calls, table, bucket)
            .env("CLOUDWATCH_LOG_GROUP", logGroup())
            .env("CLOUDWATCH_LOG_STREAM", "backup")
            .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", engines.motoEndpoint().toString())
            .run();
    assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
    assertThat(BackupFiles.keys(s3, bucket)).hasSize(2);

    // The same through a role in the account that owns the tables, as the stack configures it
    // with a SourceRoleArn (moto's role of the same account sees the same tables).
    String viaRole = engines.createBucket();
    ToolRunner.Result assumed =
        backupTask(calls, table, viaRole)
            .env("DYNAMODB_ROLE_ARN", "arn:aws:iam::123456789012:role/dynamodb-backup-reader")
            .env("DYNAMODB_ROLE_EXTERNAL_ID", "central-backups")
            .env("AWS_ENDPOINT_URL_STS", engines.motoEndpoint().toString())
            .run();
    assertThat(assumed.exitCode()).as(assumed.toString()).isZero();
    assertThat(calls.operations()).contains("sts:AssumeRole");

    // A multipart upload that fails midway is aborted.
    String large = largeDynaliteTable();
    FaultInjector uploadsFail =
        FaultInjector.builder().failFirst("UploadPart", Fault.INTERNAL_ERROR, 10_000).build();
    String abortBucket = engines.createBucket();
    ToolRunner.Result aborted =
        new ToolRunner(engines)
            .intercept(calls)
            .intercept(uploadsFail)
            .runLocal(
                "-t", large, "-b", abortBucket, "--part-size-mb", "5", "--max-retry-time", "200ms");
    assertThat(aborted.exitCode()).as(aborted.toString()).isEqualTo(1);
    assertThat(calls.operations()).contains("s3:AbortMultipartUpload");

    // backup --resume: a run whose upload cannot be completed keeps its upload and checkpoint
    // (under .dynamodb-backup/backup-state/), and the next run goes on with them: it finds the
    // checkpoint, completes the upload, reads the object back for its SHA-256 and deletes the
    // checkpoint.
    String resumeBucket = engines.createBucket();
    FaultInjector completeFails =
        FaultInjector.builder()
            .failFirst("CompleteMultipartUpload", Fault.CONNECTION_DROPPED, 10_000)
            .build();
    List<String> resumeArgs =
        List.of(
            "-t",
            large,
            "-b",
            resumeBucket,
            "--part-size-mb",
            "5",
            "--max-retry-time",
            "200ms",
            "--resume");
    ToolRunner.Result kept =
        new ToolRunner(engines)
            .intercept(calls)
            .intercept(completeFails)
            .runLocal(resumeArgs.toArray(String[]::new));
    assertThat(kept.exitCode()).as(kept.toString()).isEqualTo(1);
    assertThat(kept.err()).contains("the upload and its checkpoint are kept for --resume");
    try (LogLines lines = new LogLines()) {
      ToolRunner.Result resumed =
          new ToolRunner(engines).intercept(calls).runLocal(resumeArgs.toArray(String[]::new));
      assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
      assertThat(lines.lines()).anyMatch(l -> l.contains("resuming the backup of table " + large));
    }
    assertThat(BackupFiles.keys(s3, resumeBucket)).hasSize(2);

    // The data object is complete (in parts, so its manifest is the only PutObject) but the
    // manifest cannot be written: the data object is deleted. The connection drops before the
    // request is sent, so S3 never holds the manifest either.
    FaultInjector manifestFails =
        FaultInjector.builder().fail("PutObject", Fault.CONNECTION_DROPPED, 1.0).build();
    String deleteBucket = engines.createBucket();
    ToolRunner.Result deleted =
        new ToolRunner(engines)
            .intercept(calls)
            .intercept(manifestFails)
            .runLocal(
                "-t",
                large,
                "-b",
                deleteBucket,
                "--part-size-mb",
                "5",
                "--max-retry-time",
                "200ms");
    assertThat(deleted.exitCode()).as(deleted.toString()).isEqualTo(1);
    assertThat(calls.operations()).contains("s3:CompleteMultipartUpload", "s3:DeleteObject");
    assertThat(BackupFiles.keys(s3, deleteBucket)).isEmpty();

    // Nightly runs of a table whose BackupEngines entry is export-incremental: the first takes a
    // full export, the next the changes since, as a link of the chain (moto's DynamoDB and S3).
    String exported = richMotoTable("export", TestItems.everyType(4, 10));
    String exportBucket = engines.createMotoBucket();
    Instant night = Instant.parse("2026-11-24T03:00:00Z");
    SettableClock clock = new SettableClock(night);
    for (int run = 0; run < 2; run++) {
      ToolRunner.Result exportRun =
          new ToolRunner(engines)
              .intercept(calls)
              .clock(clock)
              .env("TABLE_NAME", exported)
              .env("BACKUP_ENGINE", "export-incremental")
              .env("BACKUP_FILE_BUCKET", exportBucket)
              .env("AWS_REGION", engines.region().id())
              .env("AWS_ENDPOINT_URL_DYNAMODB", engines.motoEndpoint().toString())
              .env("AWS_ENDPOINT_URL_S3", engines.motoEndpoint().toString())
              .run();
      assertThat(exportRun.exitCode()).as(exportRun.toString()).isZero();
      clock.set(night.plus(Duration.ofDays(1)));
    }
    assertThat(calls.operations())
        .contains("dynamodb:ExportTableToPointInTime", "dynamodb:DescribeExport");

    assertGrantsExactly("BackupTaskRole", calls, BACKUP_ALLOWANCE);
  }

  @Test
  void restoreTaskRole_grantsExactlyWhatEveryRestorePathCalls() throws Exception {
    String source = richMotoTable("restore-source");
    String bucket = engines.createBucket();
    ToolRunner.Result backup =
        tool(new ToolRunner(engines), engines.motoEndpoint(), "backup", "-t", source, "-b", bucket);
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String dataKey =
        BackupFiles.keys(s3, bucket).stream()
            .filter(k -> !k.endsWith(".manifest.json"))
            .findFirst()
            .orElseThrow();
    OperationRecorder calls = new OperationRecorder();

    // Into a new table created as the backup recorded it (TTL, point-in-time recovery, tags,
    // stream, indexes), logging to CloudWatch Logs.
    String created = engines.uniqueTableName("restored");
    ToolRunner.Result create =
        tool(
            new ToolRunner(engines).intercept(calls),
            engines.motoEndpoint(),
            "restore",
            "s3://" + bucket + "/" + dataKey,
            "-t",
            created,
            "--create-table",
            "--log-group",
            logGroup(),
            "--log-stream",
            "restore");
    assertThat(create.exitCode()).as(create.toString()).isZero();
    assertThat(calls.operations())
        .contains(
            "dynamodb:CreateTable",
            "dynamodb:UpdateTimeToLive",
            "dynamodb:UpdateContinuousBackups",
            "dynamodb:TagResource");

    // The restore task definition also runs `list` and `verify`, which only read backups; `verify
    // --full` compares every item with the restored table.
    ToolRunner.Result list =
        tool(
            new ToolRunner(engines).intercept(calls), engines.motoEndpoint(), "list", "-b", bucket);
    assertThat(list.exitCode()).as(list.toString()).isZero();
    ToolRunner.Result verify =
        tool(
            new ToolRunner(engines).intercept(calls),
            engines.motoEndpoint(),
            "verify",
            "s3://" + bucket + "/" + dataKey,
            "-t",
            created,
            "--full");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(calls.operations()).contains("dynamodb:BatchGetItem", "s3:ListObjectsV2");

    // Into an existing table (checked empty first), from an original tool's file without a
    // manifest, one of whose items DynamoDB refuses: that batch is written item by item and the
    // refused item goes to the reject file.
    String existing = engines.uniqueTableName("existing");
    try (DynamoDbClient dynalite = engines.dynamo()) {
      TestTables.create(dynalite, existing, "id", ScalarAttributeType.S);
    }
    String legacyKey = "legacy/" + existing + "_2015-12-09T08:56:26+00:00.csv";
    s3.putObject(
        r -> r.bucket(bucket).key(legacyKey),
        RequestBody.fromString(
            "{\"id\":{\"S\":\"good-1\"}}\n"
                + "{\"id\":{\"S\":\"bad\"},\"n\":{\"N\":\"not-a-number\"}}\n"
                + "{\"id\":{\"S\":\"good-2\"}}\n",
            StandardCharsets.UTF_8));
    Path rejects = dir.resolve("rejected.jsonl");
    ToolRunner.Result existingTable =
        tool(
            new ToolRunner(engines).intercept(calls),
            engines.dynamoEndpoint(),
            "restore",
            "s3://" + bucket + "/" + legacyKey,
            "-t",
            existing,
            "--reject-file",
            rejects.toString(),
            "--log-group",
            logGroup(),
            "--log-stream",
            "restore");
    assertThat(existingTable.exitCode()).as(existingTable.toString()).isEqualTo(1);
    assertThat(existingTable.out()).contains("restored 2 items (1 rejected)");
    assertThat(Files.readAllLines(rejects)).hasSize(1);
    assertThat(calls.operations()).contains("dynamodb:Scan", "dynamodb:PutItem");
    assertThat(calls.notFound()).contains("s3:GetObject");

    // With AWS's Import from S3 into a new table, from a dynamodb-json backup (moto's DynamoDB and
    // S3; moto's import parser needs plain items), then TTL, tags, PITR and the stream set.
    String plain = richMotoTable("import-source", TestItems.plain(5, 12));
    String importBucket = engines.createMotoBucket();
    ToolRunner.Result jsonBackup =
        new ToolRunner(engines)
            .runOnMoto("backup", "-t", plain, "-b", importBucket, "--format", "dynamodb-json");
    assertThat(jsonBackup.exitCode()).as(jsonBackup.toString()).isZero();
    String jsonKey;
    try (S3Client motoS3 = engines.motoS3()) {
      jsonKey =
          BackupFiles.keys(motoS3, importBucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
    }
    ToolRunner.Result imported =
        new ToolRunner(engines)
            .intercept(calls)
            .runOnMoto(
                "restore",
                "s3://" + importBucket + "/" + jsonKey,
                "--engine",
                "import",
                "-t",
                engines.uniqueTableName("imported"));
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(calls.operations())
        .contains("dynamodb:ImportTable", "dynamodb:DescribeImport", "dynamodb:UpdateTable");

    // A chain of exports into an existing table: a link's delete DynamoDB refuses as invalid (its
    // key has the wrong type) sends that batch one write at a time, and the delete is rejected.
    String chained = engines.uniqueTableName("chain");
    ExportChainBuilder chain = new ExportChainBuilder(engines, chained);
    Instant t0 = Instant.parse("2026-11-23T02:00:00Z");
    Instant t1 = t0.plus(Duration.ofHours(6));
    chain.base(t0, TestItems.everyType(6, 4));
    chain.link(
        t0,
        t1,
        List.of(
            new AwsExportFixture.Change(
                Map.of("pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromN("1")),
                Map.of("pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromN("1")),
                null),
            new AwsExportFixture.Change(
                Map.of("pk", AttributeValue.fromN("7"), "sk", AttributeValue.fromN("1")),
                null,
                null)));
    String chainTarget = engines.uniqueTableName("chain-target");
    try (DynamoDbClient dynalite = engines.dynamo()) {
      TestTables.create(
          dynalite, chainTarget, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }
    ToolRunner.Result chainRestore =
        tool(
            new ToolRunner(engines).intercept(calls),
            engines.dynamoEndpoint(),
            "restore",
            chain.uri(t1),
            "-t",
            chainTarget,
            "--reject-file",
            dir.resolve("chain-rejected.jsonl").toString());
    assertThat(chainRestore.exitCode()).as(chainRestore.toString()).isEqualTo(1);
    assertThat(chainRestore.out()).contains("(1 rejected)");
    assertThat(calls.operations()).contains("dynamodb:DeleteItem");

    assertGrantsExactly("RestoreTaskRole", calls, RESTORE_ALLOWANCE);
  }

  // ------------------------------------------------------------------ the comparison

  private void assertGrantsExactly(String role, OperationRecorder calls, Set<String> allowance) {
    SortedSet<String> needed = neededActions(calls);
    SortedSet<String> granted = CfnTemplate.allowedActions(template, role);
    SortedSet<String> missing = new TreeSet<>(needed);
    missing.removeAll(granted);
    SortedSet<String> extra = new TreeSet<>(granted);
    extra.removeAll(needed);
    extra.removeAll(allowance);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      fail(
          "%s in %s does not grant exactly what the tool calls:%n"
              + "  missing (called, not granted): %s%n"
              + "  extra (granted, never called): %s%n"
              + "  needed: %s%n"
              + "  recorded operations: %s, answered 404: %s%n"
              + "Fix the template (and docs/DEPLOY.md, CloudFormationStackIT), not this test.",
          role, CfnTemplate.PATH, missing, extra, needed, calls.operations(), calls.notFound());
    }
  }

  private static SortedSet<String> neededActions(OperationRecorder calls) {
    SortedSet<String> actions = new TreeSet<>();
    for (String operation : calls.operations()) {
      actions.add(action(operation));
    }
    for (String operation : calls.notFound()) {
      String more = NOT_FOUND_ACTIONS.get(operation);
      if (more != null) {
        actions.add(more);
      }
    }
    return actions;
  }

  private static String action(String operation) {
    if (operation.startsWith("dynamodb:")
        || operation.startsWith("logs:")
        || operation.startsWith("sts:")) {
      return operation;
    }
    String action = S3_ACTIONS.get(operation);
    if (action == null) {
      return fail(
          "no IAM action is known for %s: add it to LeastPrivilegeIT's table of actions",
          operation);
    }
    return action;
  }

  // ------------------------------------------------------------------ tables and runs

  private ToolRunner.Result tool(ToolRunner runner, URI dynamoEndpoint, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--dynamodb-endpoint",
            dynamoEndpoint.toString(),
            "--s3-endpoint",
            engines.s3Endpoint().toString(),
            "--s3-path-style",
            "--logs-endpoint",
            engines.motoEndpoint().toString(),
            "--region",
            engines.region().id()));
    return runner.run(all.toArray(String[]::new));
  }

  /** The backup task as the stack runs it: no arguments, configured by its environment alone. */
  private ToolRunner backupTask(OperationRecorder calls, String table, String bucket) {
    return new ToolRunner(engines)
        .intercept(calls)
        .env("TABLE_NAME", table)
        .env("BACKUP_FILE_BUCKET", bucket)
        .env("AWS_REGION", engines.region().id())
        .env("AWS_ENDPOINT_URL_DYNAMODB", engines.motoEndpoint().toString())
        .env("AWS_ENDPOINT_URL_S3", engines.s3Endpoint().toString());
  }

  private String logGroup() {
    return "/dynamodb-backup/" + engines.uniqueTableName("logs");
  }

  private String richMotoTable(String hint) {
    return richMotoTable(hint, TestItems.everyType(3, 40));
  }

  /** A table in moto with every setting a backup records and a restore recreates. */
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  private String richMotoTable(String hint, List<Map<String, AttributeValue>> items) {
    String table = engines.uniqueTableName(hint);
    moto.createTable(
        r ->
            r.tableName(table)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                .tags(t -> t.key("team").value("payments")));
    moto.updateTimeToLive(
        r ->
            r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
    moto.updateContinuousBackups(
        r ->
            r.tableName(table)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    TestTables.load(moto, table, items);
    return table;
  }

  /** A table in dynalite of about 14 MB, so that a backup with 5 MB parts uploads in parts. */
  private String largeDynaliteTable() {
    String table = engines.uniqueTableName("large");
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(TestItems.large(5, i, 350_000));
    }
    try (DynamoDbClient dynalite = engines.dynamo()) {
      TestTables.create(dynalite, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynalite, table, items);
    }
    return table;
  }
}
