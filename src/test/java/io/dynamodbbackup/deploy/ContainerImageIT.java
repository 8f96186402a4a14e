package io.dynamodbbackup.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The image users deploy, run the way ECS runs it. The container profile builds it with the release
 * image's Jib configuration on a Java 17 base made from Debian packages (the release base's
 * registry is out of reach here; docs/DEPLOY.md says what differs), and this test runs it with
 * podman on the host network against dynalite and S3Proxy, configured by environment variables and,
 * for a restore, by a command override. Runs only with {@code -Pcontainer}.
 */
@Tag("container-image")
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {

  /** How long ECS waits after SIGTERM before it sends SIGKILL (the default stopTimeout). */
  private static final Duration ECS_STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final String ABORT_MESSAGE =
      "interrupted, the process is stopping; the upload was aborted";

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final S3Client s3;
  private final String prefix =
      "dynamodb-backup-it-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private final List<String> containers = new ArrayList<>();
  private Path containersConf;
  private String image;
  private String table;
  private List<Map<String, AttributeValue>> tableItems;
  private String largeTable;

  ContainerImageIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
    this.s3 = engines.s3();
  }

  @BeforeAll
  void loadTheImageAndTheTables() throws Exception {
    containersConf = Path.of(property("containers.conf"));
    Path archive = Path.of(property("container.image.tar"));
    // Jib's image id is the digest of the image configuration, which podman uses as its id too.
    image = Files.readString(Path.of(property("container.image.id"))).trim();
    Run load = podman("load", "--quiet", "--input", archive.toString());
    assertThat(load.exitCode()).as(load.output()).isZero();

    table = engines.uniqueTableName("image");
    TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    TestTables.load(dynamo, table, TestItems.everyType(14, 150));
    tableItems = TestTables.scanAll(dynamo, table);

    // 40 items of 350 KB: at --max-rcu 50 a backup runs for more than half a minute.
    largeTable = engines.uniqueTableName("image-large");
    TestTables.create(dynamo, largeTable, "pk", ScalarAttributeType.S);
    TestTables.load(
        dynamo,
        largeTable,
        IntStream.range(0, 40).mapToObj(i -> TestItems.large(15, i, 350_000)).toList());
  }

  /** Leaves podman as it was: each build's image is another one, and target/ keeps the archive. */
  @AfterAll
  void removeTheContainersAndTheImage() throws Exception {
    for (String name : containers) {
      podman("rm", "--force", "--ignore", name);
    }
    podman("rmi", "--ignore", image);
    dynamo.close();
    s3.close();
  }

  @Test
  void image_hasTheReleaseEntryPointUserAndWorkingDirectory_andNoBakedInEnvironment()
      throws Exception {
    Run config =
        podman(
            "image",
            "inspect",
            "--format",
            "{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.Entrypoint}}"
                + "|{{json .Config.Cmd}}|{{json .Config.Env}}",
            image);

    assertThat(config.exitCode()).as(config.output()).isZero();
    String[] fields = config.output().trim().split("\\|");
    assertThat(fields[0]).isEqualTo("65532:65532");
    assertThat(fields[1]).isEqualTo("/home/nonroot");
    assertThat(fields[2])
        .startsWith("[\"java\",\"-XX:MaxRAMPercentage=75\",\"-XX:+ExitOnOutOfMemoryError\",")
        .endsWith(",\"io.dynamodbbackup.cli.Main\"]");
    assertThat(fields[3]).as("default arguments").isEqualTo("null");
    assertThat(fields[4]).doesNotContainPattern("AWS_|TABLE_NAME|BACKUP_FILE_BUCKET");
  }

  @Test
  void backup_configuredByTheEnvironmentAlone_storesEveryItemAndWritesOnlyUnderTmp()
      throws Exception {
    String bucket = engines.createBucket();
    String name = containerName("env-only");

    Run backup = podman(run(name, environment(table, bucket), List.of()));

    assertThat(backup.exitCode()).as(backup.output()).isZero();
    assertThat(backup.output()).contains("backed up " + tableItems.size() + " items");
    String dataKey = dataKey(bucket);
    assertThat(dataKey).startsWith(table + "/" + table + "_").endsWith(".csv");
    assertThat(BackupFiles.items(BackupFiles.get(s3, bucket, dataKey), dataKey))
        .containsExactlyInAnyOrderElementsOf(tableItems);
    // What the container changed in its file system, one "C /path" or "A /path" a line.
    Run diff = podman("diff", name);
    assertThat(diff.exitCode()).as(diff.output()).isZero();
    assertThat(diff.output().lines().map(line -> line.substring(2)))
        .as(diff.output())
        .allSatisfy(path -> assertThat(path).matches("/tmp(/.*)?"));
  }

  @Test
  void restore_asACommandOverride_onAReadOnlyRootFilesystem_recreatesTheTableItemForItem()
      throws Exception {
    String bucket = engines.createBucket();
    // zstd: its native library is unpacked to java.io.tmpdir, the one writable place.
    Run backup =
        podman(
            readOnly(
                run(
                    containerName("read-only-backup"),
                    environment(table, bucket),
                    List.of("--compress", "zstd"))));
    assertThat(backup.exitCode()).as(backup.output()).isZero();
    String dataKey = dataKey(bucket);
    assertThat(dataKey).endsWith(".csv.zst");
    String target = engines.uniqueTableName("image-restored");

    Run restore =
        podman(
            readOnly(
                run(
                    containerName("read-only-restore"),
                    environment(null, null),
                    List.of(
                        "restore",
                        "s3://" + bucket + "/" + dataKey,
                        "--table",
                        target,
                        "--create-table"))));

    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(restore.output())
        .contains(
            "restored " + tableItems.size() + " items (0 rejected) into table " + target + " ");
    assertThat(TestTables.scanAll(dynamo, target)).containsExactlyInAnyOrderElementsOf(tableItems);
  }

  @Test
  void runningBackup_isJavaAsUid65532_andStopsCleanlyOnSigtermWithinTheEcsStopTimeout()
      throws Exception {
    String bucket = engines.createBucket();
    String name = containerName("stopped");
    Path log = Files.createTempFile("container-stop", ".log");
    // Attached, as ECS runs it; its output goes to a file that outlives the container.
    Process attached =
        start(
            run(
                name,
                environment(largeTable, bucket),
                List.of("--page-size", "1", "--max-rcu", "50", "--part-size-mb", "5")),
            log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().isEmpty()) {
      assertThat(attached.isAlive())
          .as("the backup ended before its upload began:\n%s", Files.readString(log))
          .isTrue();
      assertThat(System.nanoTime()).as("no multipart upload began").isLessThan(deadline);
      Thread.sleep(100);
    }

    // The kernel's view of the container's main process, from the host.
    Run pid = podman("inspect", "--format", "{{.State.Pid}}", name);
    assertThat(pid.exitCode()).as(pid.output()).isZero();
    List<String> status = Files.readAllLines(Path.of("/proc", pid.output().trim(), "status"));
    assertThat(status)
        .contains(
            "Name:\tjava", "Uid:\t65532\t65532\t65532\t65532", "Gid:\t65532\t65532\t65532\t65532")
        .as("process 1 of the container, so the stop signal reaches the JVM itself")
        .anySatisfy(line -> assertThat(line).matches("NSpid:\t\\d+\t1"));

    // Let the tool take in the upload id S3 just returned: a stop that lands inside
    // CreateMultipartUpload itself leaves the upload to the bucket's lifecycle rule.
    Thread.sleep(1_000);
    long stopping = System.nanoTime();
    Run stop = podman("stop", "--time", Long.toString(ECS_STOP_TIMEOUT.toSeconds()), name);
    Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

    assertThat(attached.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(log);
    Files.delete(log);
    System.out.printf(
        "SIGTERM to exit: %.1f s, exit code %d%n",
        stopped.toMillis() / 1000.0, attached.exitValue());
    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(stopped).as(printed).isLessThan(ECS_STOP_TIMEOUT);
    // 137 would be SIGKILL: the stop timeout ran out.
    assertThat(attached.exitValue()).as(printed).isNotZero().isNotEqualTo(137);
    assertThat(printed).contains(ABORT_MESSAGE);
    assertThat(BackupFiles.keys(s3, bucket)).as(printed).isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).as(printed).isEmpty();
  }

  /** The environment of an ECS task, with the local engines as endpoints; nulls are left out. */
  private Map<String, String> environment(String tableName, String bucket) {
    Map<String, String> env = new LinkedHashMap<>();
    if (tableName != null) {
      env.put("TABLE_NAME", tableName);
    }
    if (bucket != null) {
      env.put("BACKUP_FILE_BUCKET", bucket);
    }
    env.put("AWS_REGION", engines.region().id());
    env.put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", engines.dynamoEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", engines.s3Endpoint().toString());
    return env;
  }

  /** {@code podman run} of the image with this environment and command (the tool's arguments). */
  private List<String> run(String name, Map<String, String> env, List<String> command) {
    List<String> args = new ArrayList<>(List.of("run", "--name", name, "--pull", "never"));
    // The engines listen on the host's loopback.
    args.addAll(List.of("--network", "host"));
    env.forEach((variable, value) -> args.addAll(List.of("--env", variable + "=" + value)));
    args.add(image);
    args.addAll(command);
    return args;
  }

  /** The same run with a read-only root file system and a writable /tmp only. */
  private static List<String> readOnly(List<String> run) {
    List<String> args = new ArrayList<>(run);
    args.addAll(
        1, List.of("--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp:rw,mode=1777"));
    return args;
  }

  private String containerName(String hint) {
    String name = prefix + "-" + hint;
    containers.add(name);
    return name;
  }

  private String dataKey(String bucket) {
    List<String> keys = BackupFiles.keys(s3, bucket);
    assertThat(keys).hasSize(2);
    return keys.stream().filter(k -> !k.endsWith(".manifest.json")).findFirst().orElseThrow();
  }

  private record Run(int exitCode, String output) {}

  private Run podman(String... args) throws IOException, InterruptedException {
    return podman(List.of(args));
  }

  /** Runs podman to the end (at most five minutes) and returns what it printed. */
  private Run podman(List<String> args) throws IOException, InterruptedException {
    Path output = Files.createTempFile("podman", ".log");
    try {
      Process process = start(args, output);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(
            "podman " + String.join(" ", args) + " did not end within 5 minutes");
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.delete(output);
    }
  }

  private Process start(List<String> args, Path output) throws IOException {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("CONTAINERS_CONF", containersConf.toString());
    return builder.start();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s, set by the container profile", name).isNotBlank();
    return value;
  }
}
