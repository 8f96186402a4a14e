package io.dynamodbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The progress bar is drawn only on a terminal: the jar runs under {@code script}, which gives it a
 * pseudo-terminal for standard input and output, with standard error on that terminal or in a file.
 * The bar and the log's line clearing are the only escape codes the tool writes.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalIT {

  private static final String ESCAPE = "\033[";

  private final LocalEngines engines;
  private String table;
  @TempDir Path dir;

  TerminalIT(LocalEngines engines) {
    this.engines = engines;
  }

  @BeforeAll
  void createTable() {
    assumeTrue(onPath("script"), "needs `script` (util-linux) to give the tool a terminal");
    table = engines.uniqueTableName("terminal");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, TestItems.small(1, 10));
    }
  }

  @Test
  void stderrOnATerminal_getsTheBar() throws Exception {
    String screen = underScript("", "");

    assertThat(screen).contains("backed up 10 items").contains(ESCAPE);
  }

  @Test
  void stderrInAFile_getsNoEscapeCodes_evenWithStdoutOnATerminal() throws Exception {
    Path log = dir.resolve("stderr.log");

    String screen = underScript("", " 2>" + log);

    assertThat(screen).contains("backed up 10 items");
    String logged = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(logged).contains("backing up table " + table).doesNotContain(ESCAPE);
  }

  @Test
  void noProgress_drawsNoBarOnATerminal() throws Exception {
    String screen = underScript(" --no-progress", "");

    assertThat(screen).contains("backed up 10 items").contains("backing up table " + table);
    assertThat(screen).doesNotContain(ESCAPE);
  }

  /** What the terminal showed while the jar backed up the table to a folder. */
  private String underScript(String options, String redirect) throws Exception {
    Path jar = Path.of(System.getProperty("tool.jar", "target/dynamodb-backup.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
                " ",
                List.of(
                    java,
                    "-Xmx128m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar.toAbsolutePath().toString(),
                    "-t",
                    table,
                    "--output-dir",
                    Files.createTempDirectory(dir, "out").toString(),
                    "--region",
                    engines.region().id(),
                    "--dynamodb-endpoint",
                    engines.dynamoEndpoint().toString()))
            + options
            + redirect;
    Path typescript = Files.createTempFile(dir, "typescript", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder("script", "-q", "-e", "-c", command, typescript.toString())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    builder.environment().put("TERM", "xterm");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run ends").isTrue();
    String screen = Files.readString(typescript, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(screen).isZero();
    // script's own header and footer are plain text; what is between is the tool's.
    return screen;
  }

  private static boolean onPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }
}
