package io.jenkins.plugins.mlops.core.container.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job's container can be found again by, once it exists on the Docker host, and what collecting its result
 * needs without the {@link JobSpec}: its id and name, the run id and every label it carries (the step call's
 * included), the volumes mounted into it, the image that runs, the digest of its data and the host directory its
 * outputs go to. A caller that must survive a restart persists this (a Jenkins build keeps it with its program
 * state, and it crosses the channel to agents), so it holds plain JDK types only; a cleanup sweep selects by
 * {@link #labels()}.
 */
public final class JobHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String purpose;
    private final String runId;
    private final String containerId;
    private final String containerName;
    private final LinkedHashMap<String, String> labels;
    private final ArrayList<String> volumes;
    private final String imageId;
    private final String dataDigest;
    private final String outputDir;
    private final Long memoryBytes;
    private final String gpus;
    private final long pidsLimit;

    /**
     * @param purpose    as failure messages start: {@code Training}, {@code Evaluation}
     * @param dataDigest null when the job has no data
     * @param outputDir  the host directory (on the machine that prepared the job) that receives the outputs
     * @param memoryBytes the memory limit, for an out-of-memory message; null for none
     * @param gpus       the GPUs requested, for a start failure's message; null for none
     * @param pidsLimit  the container's process limit, for a failure's hints
     */
    public JobHandle(String purpose, String runId, String containerId, String containerName, Map<String, String> labels,
                     List<String> volumes, String imageId, String dataDigest, String outputDir, Long memoryBytes,
                     String gpus, long pidsLimit) {
        this.purpose = purpose;
        this.runId = runId;
        this.containerId = containerId;
        this.containerName = containerName;
        this.labels = new LinkedHashMap<>(labels);
        this.volumes = new ArrayList<>(volumes);
        this.imageId = imageId;
        this.dataDigest = dataDigest;
        this.outputDir = outputDir;
        this.memoryBytes = memoryBytes;
        this.gpus = gpus;
        this.pidsLimit = pidsLimit;
    }

    public String purpose() {
        return purpose;
    }

    public String runId() {
        return runId;
    }

    public String containerId() {
        return containerId;
    }

    public String containerName() {
        return containerName;
    }

    public Map<String, String> labels() {
        return Collections.unmodifiableMap(labels);
    }

    public List<String> volumes() {
        return Collections.unmodifiableList(volumes);
    }

    public String imageId() {
        return imageId;
    }

    public String dataDigest() {
        return dataDigest;
    }

    public String outputDir() {
        return outputDir;
    }

    public Long memoryBytes() {
        return memoryBytes;
    }

    public String gpus() {
        return gpus;
    }

    public long pidsLimit() {
        return pidsLimit;
    }

    @Override
    public String toString() {
        return purpose + " container " + containerName + " (run " + runId + ")";
    }
}
