package io.dynamodbbackup.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup list}: the backups in a bucket or folder, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "List the backups under a bucket (or a prefix, or one table's folder) or a local folder,"
          + " newest first, each marked COMPLETE only when its manifest exists and parses.",
    },
    footer = {"", "Exit status: 0 listed (even none), 1 failed, 2 usage error."})
final class ListCommand implements Callable<Integer> {

  /** How the listing is printed. */
  enum Output {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = {"-b", "--bucket"},
      paramLabel = "BUCKET",
      description = "S3 bucket to list (default: $BACKUP_FILE_BUCKET).")
  String bucket;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "A local folder to list instead, as written by backup --output-dir.")
  Path dir;

  @Option(
      names = "--prefix",
      paramLabel = "P",
      description = "The prefix the backups were written under (default: none).")
  String prefix;

  @Option(
      names = {"-t", "--table"},
      paramLabel = "TABLE",
      description = "Only this table's backups. Only when given on the command line.")
  String table;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (aligned columns) or json (an array, for scripts); default: text.")
  Output output;

  @Mixin AwsOptions aws;

  private final ToolContext context;

  ListCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return ListRunner.run(spec.commandLine(), this, aws, context);
  }
}
