package io.dynamodbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.retry.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's contract with the original tool's users: options, variables, exit codes. */
class CommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return new Main(context(env)).run(args);
  }

  /** The tool's context with this environment, writing to {@link #out} and {@link #err}. */
  private ToolContext context(Map<String, String> env) {
    return new ToolContext(
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        null,
        env,
        null,
        List.of(),
        Duration.ofMillis(1),
        Duration.ofMillis(10),
        Duration.ofSeconds(10),
        Clock.system());
  }

  @Test
  void help_listsTheOriginalOptionsWithTheirVariables() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString())
        .contains("-t, --table", "TABLE_NAME")
        .contains("-b, --bucket", "BACKUP_FILE_BUCKET")
        .contains("-l, --log-group", "CLOUDWATCH_LOG_GROUP")
        .contains("-s, --log-stream", "CLOUDWATCH_LOG_STREAM")
        .contains("-r, --region", "AWS_REGION")
        .contains("-e, --encode")
        .contains("-V, --version");
  }

  @Test
  void version_printsTheToolsVersion() {
    assertThat(run(Map.of(), "-V")).isZero();
    assertThat(out.toString()).startsWith("dynamodb-backup ");
  }

  @Test
  void missingTable_isAUsageErrorNamingTheOptionAndItsVariable() {
    assertThat(run(Map.of("BACKUP_FILE_BUCKET", "b"), "--region", "us-east-1")).isEqualTo(2);
    assertThat(err.toString()).contains("-t/--table").contains("TABLE_NAME");
  }

  @Test
  void missingDestination_isAUsageErrorNamingBucketAndOutputDir() {
    assertThat(run(Map.of("TABLE_NAME", "users"), "backup", "-r", "us-east-1")).isEqualTo(2);
    assertThat(err.toString())
        .contains("-b/--bucket")
        .contains("BACKUP_FILE_BUCKET")
        .contains("--output-dir");
  }

  @Test
  void unknownFormat_isAUsageErrorNamingTheValue() {
    assertThat(run(Map.of(), "-t", "users", "-b", "x", "-r", "us-east-1", "--format", "xml"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--format").contains("xml");
  }

  @Test
  void encodeWithDynamoDbJson_isAUsageError() {
    assertThat(
            run(
                Map.of("AWS_ACCESS_KEY_ID", "x"),
                "-t",
                "users",
                "--output-dir",
                "target/never",
                "-r",
                "us-east-1",
                "--format",
                "dynamodb-json",
                "--encode"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--encode");
  }

  @Test
  void checksumSettingTheSdkWouldRefuse_isAUsageErrorNamingTheVariableAndValue() {
    assertThat(
            run(
                Map.of("AWS_REQUEST_CHECKSUM_CALCULATION", "sometimes"),
                "list",
                "-b",
                "backups",
                "-r",
                "us-east-1",
                "--s3-endpoint",
                "http://127.0.0.1:9"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("AWS_REQUEST_CHECKSUM_CALCULATION is 'sometimes'")
        .contains("when_required");
  }

  @Test
  void exportEngine_withAScanOnlyOption_isAUsageErrorNamingIt() {
    assertThat(
            run(
                Map.of(),
                "-t",
                "users",
                "-b",
                "x",
                "-r",
                "us-east-1",
                "--engine",
                "export",
                "--format",
                "dynamodb-json"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--format applies to --engine scan");
  }

  @Test
  void exportOptions_withTheScanEngine_areAUsageError() {
    assertThat(run(Map.of(), "-t", "users", "-b", "x", "-r", "us-east-1", "--incremental"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--incremental").contains("--engine export");
  }

  @Test
  void exportEngine_fromTheEnvironment_needsABucket() {
    assertThat(
            run(
                Map.of("BACKUP_ENGINE", "export", "TABLE_NAME", "users"),
                "--output-dir",
                "target/never",
                "-r",
                "us-east-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--output-dir applies to --engine scan");
  }

  @Test
  void exportTime_thatIsNoTime_isAUsageErrorShowingTheForm() {
    assertThat(
            run(
                Map.of(),
                "-t",
                "users",
                "-b",
                "x",
                "--engine",
                "export",
                "--export-time",
                "yesterday"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'yesterday' is not a time").contains("2026-11-25T02");
  }

  @Test
  void importEngine_readsFromS3Only_andNeedsANewTablesName() {
    assertThat(
            run(
                Map.of(),
                "restore",
                "--file",
                "pom.xml",
                "--engine",
                "import",
                "-t",
                "new",
                "-r",
                "us-east-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--engine import reads from S3");
    assertThat(
            run(Map.of(), "restore", "s3://b/k.json.gz", "--engine", "import", "-r", "us-east-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("name it with -t/--table");
  }

  @Test
  void backupEngineVariable_choosesTheEngineOfANightlyRun_andLeavesTheRestoreEngineAlone() {
    picocli.CommandLine cmd =
        Main.commandLine(context(Map.of("BACKUP_ENGINE", "export-incremental")));
    cmd.parseArgs("restore", "s3://b/k.csv");
    RestoreCommand restore = cmd.getSubcommands().get("restore").getCommand();
    assertThat(restore.engine.engine).isEqualTo(RestoreEngineOptions.Engine.write);
    cmd.parseArgs();
    RootCommand root = cmd.getCommand();
    assertThat(root.export.engine).isEqualTo(ExportOptions.Engine.export);
    assertThat(root.export.incremental).isTrue();
  }

  @Test
  void region_takesAValueUnlikeTheOriginal() {
    EnvironmentDefaults defaults = new EnvironmentDefaults(Map.of("AWS_REGION", "eu-west-1"));
    picocli.CommandLine cmd = new picocli.CommandLine(new RootCommand(null));
    cmd.setDefaultValueProvider(defaults);
    cmd.parseArgs("-r", "ap-south-1", "-t", "users");
    RootCommand root = cmd.getCommand();
    assertThat(root.aws.region).isEqualTo("ap-south-1");
    assertThat(root.backup.tables).containsExactly("users");
  }

  @Test
  void environment_suppliesEveryOriginalDefault() {
    picocli.CommandLine cmd = new picocli.CommandLine(new RootCommand(null));
    cmd.setDefaultValueProvider(
        new EnvironmentDefaults(
            Map.of(
                "TABLE_NAME", "users",
                "BACKUP_FILE_BUCKET", "backups",
                "CLOUDWATCH_LOG_GROUP", "group",
                "CLOUDWATCH_LOG_STREAM", "stream",
                "AWS_REGION", "eu-west-1")));
    cmd.parseArgs();
    RootCommand root = cmd.getCommand();
    assertThat(root.backup.tables).containsExactly("users");
    assertThat(root.backup.bucket).isEqualTo("backups");
    assertThat(root.aws.logGroup).isEqualTo("group");
    assertThat(root.aws.logStream).isEqualTo("stream");
    assertThat(root.aws.region).isEqualTo("eu-west-1");
  }

  @Test
  void tableName_takesACommaSeparatedList_asTheTableOptionDoes() {
    picocli.CommandLine cmd = new picocli.CommandLine(new RootCommand(null));
    cmd.setDefaultValueProvider(new EnvironmentDefaults(Map.of("TABLE_NAME", "users,orders-*")));
    cmd.parseArgs();
    assertThat(((RootCommand) cmd.getCommand()).backup.tables).containsExactly("users", "orders-*");

    cmd = new picocli.CommandLine(new RootCommand(null));
    cmd.parseArgs("-t", "users,orders-*", "-t", "carts");
    assertThat(((RootCommand) cmd.getCommand()).backup.tables)
        .containsExactly("users", "orders-*", "carts");
  }

  @Test
  void invalidTablePattern_isAUsageErrorNamingThePattern() {
    assertThat(run(Map.of(), "-t", "orders/*", "-b", "x", "-r", "us-east-1")).isEqualTo(2);
    assertThat(err.toString()).contains("'orders/*' is not a table name or pattern");
  }

  @Test
  void allTablesWithTableOnTheCommandLine_isAUsageError() {
    assertThat(run(Map.of(), "--all-tables", "-t", "users", "-b", "x", "-r", "us-east-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("give one or the other");
  }

  @Test
  void tableConcurrencyOutOfRange_isAUsageError() {
    assertThat(run(Map.of(), "-t", "a,b", "-b", "x", "-r", "us-east-1", "--table-concurrency", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--table-concurrency must be 1 to 32, was 0");
  }

  @Test
  void logStream_mayBeNamedLikeACommand_asTheDeploymentNamesIt() {
    picocli.CommandLine cmd =
        Main.commandLine(context(Map.of("TABLE_NAME", "users", "CLOUDWATCH_LOG_STREAM", "backup")));

    cmd.parseArgs();
    assertThat(((RootCommand) cmd.getCommand()).aws.logStream).isEqualTo("backup");
    cmd.parseArgs("restore", "s3://backups/users/users.csv", "--log-stream", "restore");
    RestoreCommand restore = cmd.getSubcommands().get("restore").getCommand();
    assertThat(restore.aws.logStream).isEqualTo("restore");
  }
}
