package io.dynamodbbackup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup backup}: the same as running the tool with no command. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Back up a DynamoDB table to one file in S3 (or a local folder).")
final class BackupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin BackupOptions backup;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  BackupCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return BackupRunner.run(spec.commandLine(), backup, aws, context);
  }
}
