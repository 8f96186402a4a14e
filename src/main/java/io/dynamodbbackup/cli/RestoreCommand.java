package io.dynamodbbackup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup restore}: writes a backup's items into a table. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Restore a backup (this tool's, the original tool's, or an AWS export) into a DynamoDB table.",
    },
    footer = {
      "",
      "Exit status: 0 every item written, 1 failed or items rejected (see --reject-file),"
          + " 2 usage error."
    })
final class RestoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin RestoreOptions restore;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  RestoreCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return RestoreRunner.run(spec.commandLine(), source, restore, aws, context);
  }
}
