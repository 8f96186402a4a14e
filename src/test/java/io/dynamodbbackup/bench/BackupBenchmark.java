package io.dynamodbbackup.bench;

import io.dynamodbbackup.demo.JarProcess;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * For each table size (items of every type, three of about 350 KB in every 10,000), in one run
 * against one dynalite: the engine's own limits (a raw parallel Scan and a raw BatchWriteItem load
 * by a Node.js client that never parses items), then the tool's backups (to a local folder, with
 * zstd, to S3Proxy) and its restore, each in its own JVM with -Xmx256m. Each row gives wall time
 * (JVM start-up included), items/s, the share of the raw limit, the tool's CPU-seconds (user +
 * system, from GNU time), MB of lines per CPU-second (also past the CPU of starting up, measured on
 * an empty table) and peak RSS.
 *
 * <p>Then the steady state: the MB per CPU-second that the largest size adds over the one before;
 * and the warm rate: what the last 60 % of the largest size's items cost, measured from the CPU
 * time of the process when its progress log passed 40 %, with and without its JIT compiler threads.
 *
 * <p>Arguments: jar, item counts (comma-separated, default 10000,100000,300000), segments (default
 * 4), {@code every-type} or {@code small} items.
 */
public final class BackupBenchmark {

  private static final Pattern BACKUP_SUMMARY =
      Pattern.compile("backed up ([0-9,]+) items \\(([0-9,]+) bytes\\)");
  private static final Pattern RAW = Pattern.compile("(\\d+) items in ([0-9.]+) s");
  private static final int PAGE_SIZE = 1000;
  private static final double WARM_AFTER = 0.4;
  private static final String PROGRESS_EVERY = "250ms";
  private static final int RAW_WRITERS = 8;
  private static final Pattern JVM_FLAG = Pattern.compile("<jvmFlag>([^<]+)</jvmFlag>");

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final JarProcess tool;
  private final int segments;

  private BackupBenchmark(
      LocalEngines engines, DynamoDbClient dynamo, JarProcess tool, int segments) {
    this.engines = engines;
    this.dynamo = dynamo;
    this.tool = tool;
    this.segments = segments;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/dynamodb-backup.jar");
    String counts = args.length > 1 ? args[1] : "10000,100000,300000";
    int segments = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    boolean small = args.length > 3 && args[3].equals("small");
    // The JVM flags the container image runs with (its heap share aside), so that the figures are
    // the shipped tool's.
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
    jvm.addAll(imageJvmFlags(Path.of("pom.xml")));
    String extra = System.getenv("BENCH_TOOL_JVM_OPTS"); // e.g. a JFR recording
    if (extra != null && !extra.isBlank()) {
      jvm.addAll(List.of(extra.trim().split("\\s+")));
    }
    try (LocalEngines engines = LocalEngines.start();
        DynamoDbClient dynamo = engines.dynamo();
        S3Client s3 = engines.s3()) {
      s3.createBucket(r -> r.bucket("bench"));
      BackupBenchmark bench =
          new BackupBenchmark(engines, dynamo, new JarProcess(jar, engines, jvm), segments);
      double startupCpu = bench.startupCpu();
      System.out.printf(Locale.ROOT, "%nThe tool runs as java %s -jar%n", String.join(" ", jvm));
      System.out.printf(
          Locale.ROOT,
          "%nCPU of a backup of an empty table (JVM start-up, clients, DescribeTable): %.2f s%n",
          startupCpu);
      List<Sized> runs = new ArrayList<>();
      for (String count : counts.split(",")) {
        runs.add(bench.run(Integer.parseInt(count.trim()), small, startupCpu));
      }
      if (runs.size() > 1) {
        steadyState(runs.get(runs.size() - 2), runs.get(runs.size() - 1));
      }
      warm(runs.get(runs.size() - 1));
    }
  }

  private double startupCpu() throws Exception {
    TestTables.create(dynamo, "bench-empty", "pk", ScalarAttributeType.S);
    return backup("bench-empty", "--output-dir", "target/bench/empty").outcome().cpuSeconds();
  }

  /** One size's runs: the MB of lines and the tool's CPU-seconds of each, in the rows' order. */
  private record Sized(int count, double mb, List<String> what, List<JarProcess.Outcome> runs) {}

  /**
   * The MB per CPU-second that a larger table adds: JVM start-up, client building and most of the
   * JIT compilation cost the same at both sizes and cancel out.
   */
  private static void steadyState(Sized smaller, Sized larger) {
    System.out.printf(
        Locale.ROOT,
        "%nSteady state, from %,d to %,d items: (MB more) / (CPU-s more)%n",
        smaller.count(),
        larger.count());
    for (int i = 0; i < larger.what().size(); i++) {
      double cpu = larger.runs().get(i).cpuSeconds() - smaller.runs().get(i).cpuSeconds();
      System.out.printf(
          Locale.ROOT,
          "%-34s %8.1f CPU-s more for %.1f MB more: %6.1f MB/CPU-s%n",
          larger.what().get(i),
          cpu,
          larger.mb() - smaller.mb(),
          (larger.mb() - smaller.mb()) / cpu);
    }
  }

  /**
   * What the last items of the largest run cost: past start-up and most of the JIT compilation, the
   * rate at which a long run goes on. Their MB are taken in proportion to their count. The JIT
   * compiler threads' share of it is shown, and the rate without it: where a run long enough for
   * the JIT to have finished goes.
   */
  private static void warm(Sized run) {
    System.out.printf(
        Locale.ROOT,
        "%nWarm, the last %.0f %% of %,d items: (their MB) / (CPU-s after the log reported the"
            + " first %.0f %%), then the same without the JIT compiler threads' CPU-s%n",
        100 * (1 - WARM_AFTER),
        run.count(),
        100 * WARM_AFTER);
    for (int i = 0; i < run.what().size(); i++) {
      JarProcess.Outcome outcome = run.runs().get(i);
      JarProcess.Progress mark =
          outcome.progress().stream()
              .filter(p -> p.items() >= WARM_AFTER * run.count())
              .findFirst()
              .orElse(null);
      if (mark == null) {
        System.out.printf(Locale.ROOT, "%-34s no progress reported%n", run.what().get(i));
        continue;
      }
      double cpu = outcome.cpuSeconds() - mark.cpuSeconds();
      double jit = outcome.compilerCpuSeconds() - mark.compilerCpuSeconds();
      double mb = run.mb() * (run.count() - mark.items()) / run.count();
      System.out.printf(
          Locale.ROOT,
          "%-34s %8.1f CPU-s for %.1f MB: %6.1f MB/CPU-s; JIT %.1f CPU-s of it, without: %6.1f"
              + " MB/CPU-s%n",
          run.what().get(i),
          cpu,
          mb,
          mb / cpu,
          jit,
          mb / (cpu - jit));
    }
  }

  private Sized run(int count, boolean small, double startupCpu) throws Exception {
    String table = "bench-" + count;
    // Three items of about 350 KB in every 10,000, as DynamoDB's largest items are.
    int large = small ? 0 : 3 * Math.max(1, count / 10_000);
    TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    List<Map<String, AttributeValue>> items =
        new ArrayList<>(
            small ? TestItems.small(7, count - large) : TestItems.everyType(7, count - large));
    for (int i = 0; i < large; i++) {
      items.add(TestItems.large(7, i, 350_000));
    }
    new RawDynamo(dynamo).load(table, items, segments);

    Raw scan = raw("scan", table, segments, Integer.toString(PAGE_SIZE)); // warms, then measures
    Path folder = Path.of("target/bench/" + count);
    deleteTree(folder);
    Backup local = backup(table, "--output-dir", folder.resolve("csv").toString());
    Backup zstd =
        backup(table, "--output-dir", folder.resolve("zstd").toString(), "--compress", "zstd");
    Backup toS3 = backup(table, "-b", "bench", "--prefix", "n" + count);
    Path file = onlyDataFile(folder.resolve("csv"));

    String rawTarget = table + "-raw-write";
    TestTables.create(dynamo, rawTarget, "pk", ScalarAttributeType.S);
    Raw write = raw("write", rawTarget, RAW_WRITERS, file.toString());
    JarProcess.Outcome restore =
        tool.run(
            List.of(
                "restore",
                "--file",
                file.toString(),
                "--table",
                table + "-restored",
                "--create-table",
                "--progress-every",
                PROGRESS_EVERY));
    if (restore.exitCode() != 0) {
      throw new IllegalStateException("the restore failed: " + restore.stdout());
    }

    long bytes = local.bytes();
    System.out.printf(
        Locale.ROOT,
        "%n%,d items, %.1f MB as lines (quoted-JSON csv), %d segments; %s%n",
        count,
        bytes / 1e6,
        segments,
        "MB/CPU-s counts the lines' MB; 'past start-up' subtracts the empty-table backup's CPU");
    System.out.printf(
        Locale.ROOT,
        "%-34s %8s %10s %7s %8s %9s %12s %9s%n",
        "",
        "seconds",
        "items/s",
        "of raw",
        "CPU-s",
        "MB/CPU-s",
        "past start-up",
        "peak RSS");
    rawRow("raw parallel Scan (Node, no parsing)", scan);
    row("backup to a local folder", count, bytes, scan, local.outcome(), startupCpu);
    row("backup to a local folder, zstd", count, bytes, scan, zstd.outcome(), startupCpu);
    row("backup to S3 (S3Proxy)", count, bytes, scan, toS3.outcome(), startupCpu);
    rawRow("raw BatchWriteItem (Node, 8 writers)", write);
    row("restore from the local file", count, bytes, write, restore, startupCpu);
    return new Sized(
        count,
        bytes / 1e6,
        List.of("backup to a local folder", "backup, zstd", "backup to S3", "restore"),
        List.of(local.outcome(), zstd.outcome(), toS3.outcome(), restore));
  }

  /** The {@code jvmFlag}s of the Jib configuration in {@code pom}, but the heap's share. */
  private static List<String> imageJvmFlags(Path pom) throws IOException {
    Matcher flags = JVM_FLAG.matcher(Files.readString(pom));
    List<String> found = new ArrayList<>();
    while (flags.find()) {
      if (!flags.group(1).startsWith("-XX:MaxRAMPercentage")) {
        found.add(flags.group(1));
      }
    }
    return found;
  }

  private record Backup(JarProcess.Outcome outcome, long bytes) {}

  private record Raw(long items, double seconds) {}

  private Backup backup(String table, String... destination) throws Exception {
    List<String> args = new ArrayList<>(List.of("-t", table));
    args.addAll(List.of(destination));
    args.addAll(
        List.of(
            "--segments",
            Integer.toString(segments),
            "--page-size",
            Integer.toString(PAGE_SIZE),
            "--progress-every",
            PROGRESS_EVERY));
    JarProcess.Outcome outcome = tool.run(args);
    Matcher m = BACKUP_SUMMARY.matcher(outcome.stdout());
    if (outcome.exitCode() != 0 || !m.find()) {
      throw new IllegalStateException("the backup failed: " + outcome.stdout());
    }
    return new Backup(outcome, Long.parseLong(m.group(2).replace(",", "")));
  }

  /** The Node.js client of bench/raw-dynamo.js. */
  private Raw raw(String mode, String table, int parallel, String arg) throws Exception {
    Process p =
        new ProcessBuilder(
                "node",
                "bench/raw-dynamo.js",
                mode,
                engines.dynamoEndpoint().toString(),
                table,
                Integer.toString(parallel),
                arg)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher m = RAW.matcher(out);
    if (p.waitFor() != 0 || !m.find()) {
      throw new IllegalStateException("the raw " + mode + " failed: " + out);
    }
    return new Raw(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
  }

  private static Path onlyDataFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".csv"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no backup file in " + folder));
    }
  }

  private static void rawRow(String what, Raw raw) {
    System.out.printf(
        Locale.ROOT,
        "%-34s %8.1f %,10.0f %7s%n",
        what,
        raw.seconds(),
        raw.items() / raw.seconds(),
        "100 %");
  }

  private static void row(
      String what, long items, long bytes, Raw limit, JarProcess.Outcome run, double startup) {
    double rate = items / run.seconds();
    double mb = bytes / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%-34s %8.1f %,10.0f %6.0f %% %8.1f %9.1f %12.1f %6.0f MB%n",
        what,
        run.seconds(),
        rate,
        100 * rate / (limit.items() / limit.seconds()),
        run.cpuSeconds(),
        mb / run.cpuSeconds(),
        mb / Math.max(0.01, run.cpuSeconds() - startup),
        run.peakRssBytes() / 1e6);
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
