/**
 * The container runtime: the one layer that talks to a Docker Engine, for every workload the plugin runs on it
 * (training, evaluation, serving). It owns the connection ({@link io.jenkins.plugins.mlops.core.container.DockerClients}),
 * the labels that make our objects findable again and removable ({@link io.jenkins.plugins.mlops.core.container.ContainerLabels},
 * {@link io.jenkins.plugins.mlops.core.container.ContainerSweep}), images ({@link io.jenkins.plugins.mlops.core.container.ImageSource}),
 * moving host files in and out through the Engine API's archive endpoint — no bind mounts, so the engine may be
 * remote ({@link io.jenkins.plugins.mlops.core.container.InputManifest}, {@link io.jenkins.plugins.mlops.core.container.TarUpload},
 * {@link io.jenkins.plugins.mlops.core.container.InputVolumes}, {@link io.jenkins.plugins.mlops.core.container.ContainerOutputs}
 * with its safe extractor), following output ({@link io.jenkins.plugins.mlops.core.container.ContainerLogs}), waiting
 * ({@link io.jenkins.plugins.mlops.core.container.ContainerExit}), stopping on abort
 * ({@link io.jenkins.plugins.mlops.core.container.Interruptions}), removal of everything a run created
 * ({@link io.jenkins.plugins.mlops.core.container.RunResources}), and one failure type
 * ({@link io.jenkins.plugins.mlops.core.container.ContainerException}).
 *
 * <p>These are primitives: each does one thing to one container and leaves the flow to its caller, so that a
 * one-shot job (sub-package {@code job}), a long-lived server (deploy) and a run re-attached after a restart use the
 * same pieces. Use cases (train, validate, deploy) sit on top of this layer; nothing here knows them, nor Jenkins.
 */
package io.jenkins.plugins.mlops.core.container;
