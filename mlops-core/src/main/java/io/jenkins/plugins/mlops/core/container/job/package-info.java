/**
 * One-shot container jobs under docs/container-contract.md, the batch contract that training and evaluation share:
 * hyperparameters in {@code /mlops/input/params.json}, data and a model copied in read-only, the container runs to
 * its end, {@code /mlops/output} copied out. {@link io.jenkins.plugins.mlops.core.container.job.JobRunner} composes
 * the primitives of the container layer into that flow: prepare (image, volumes, container) → run to exit → collect
 * → clean up, whatever happens. {@link io.jenkins.plugins.mlops.core.container.job.JobArguments} holds the argument
 * rules both use cases check before anything runs, {@link io.jenkins.plugins.mlops.core.container.job.HostInputs}
 * the host-side ones checked where the files are.
 */
package io.jenkins.plugins.mlops.core.container.job;
