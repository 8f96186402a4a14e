/**
 * The command line: picocli commands and option mixins, the wiring of AWS clients, and the mapping
 * of failures to exit codes. The only package that touches standard output, the environment and
 * {@code System.exit}.
 */
package io.dynamodbbackup.cli;
