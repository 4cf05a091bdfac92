/**
 * The {@code qmoe} command line (picocli): one class per subcommand, the shared option groups, the run folders with
 * their checkpoints, and the mapping of user-input errors to one line and exit code 2. Not part of the library API:
 * it needs the optional dependencies (picocli, the progress bar, the plotting libraries) that the shaded CLI jar
 * bundles.
 */
package io.qmoe.cli;
