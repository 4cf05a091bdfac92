/**
 * The same mean-field sweeps on Apache Spark, with the same numbers. Spark is a {@code provided} dependency: a cluster
 * brings its own (Spark 4.2, Scala 2.13), a library user who never touches this package carries nothing, and nothing
 * here is loaded unless asked for.
 *
 * <ul>
 *   <li>{@link io.qmoe.spark.SparkSampleExecutor}: every (N, seed) sample of an analysis is one Spark task, largest N
 *   first; the reference (its stage residuals and clouds) is computed once on the driver and broadcast; the samples
 *   come back in the order the thread pool assembles them, so every file of the analysis is byte-identical;</li>
 *   <li>{@link io.qmoe.spark.ExpertSource}: how an executor builds the expert and the data (an expert holds a
 *   backend, which does not travel);</li>
 *   <li>{@link io.qmoe.spark.HadoopFolder}: the sample store of {@code --resume} on a Hadoop FileSystem path
 *   ({@code file:}, {@code hdfs:}, {@code s3a:}) that every executor reaches, so a resumed sweep skips finished
 *   samples;</li>
 *   <li>{@link io.qmoe.spark.PartitionedMixture}: one large mixture or reference population in fixed blocks of
 *   {@code MixtureOfExperts.SUM_BLOCK} experts cached on the executors, one job per integrator stage (broadcast the M
 *   residuals, collect the M-vector block sums, add them in block order on the driver): the trainer's bits for any
 *   partition count;</li>
 *   <li>{@link io.qmoe.spark.SparkOverhead}: what a task round trip costs ({@code qmoe bench --section spark});</li>
 *   <li>{@link io.qmoe.spark.SparkContexts}: a context for the command line (UI off, Spark's log at WARN, the
 *   master checked with a one-line error).</li>
 * </ul>
 *
 * <p>Never uses Spark's {@code reduce}, {@code fold} or {@code treeAggregate}: their merge order follows task
 * completion. Results are collected and put in a fixed order on the driver.
 */
package io.qmoe.spark;
