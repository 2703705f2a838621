/**
 * The command line: one entry point ({@link io.imdbrnn.cli.ImdbRnn}) with a subcommand per stage.
 * The only place that catches exceptions, logs them and turns them into exit codes.
 */
package io.imdbrnn.cli;
