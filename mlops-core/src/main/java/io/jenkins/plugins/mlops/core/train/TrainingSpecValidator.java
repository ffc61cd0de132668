package io.jenkins.plugins.mlops.core.train;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.job.JobArguments;

/**
 * Checks a {@link TrainingSpec.Builder} before any container is created, naming the first wrong argument: the
 * rules every container job has ({@link JobArguments}) plus training's own ({@code epochs}).
 */
final class TrainingSpecValidator {

    private TrainingSpecValidator() {
    }

    static void validate(TrainingSpec.Builder b) {
        JobArguments.requireImageOrDockerfile(b.image(), b.dockerfile());
        JobArguments.checkCommand(b.command());
        if (b.epochs() != null && b.epochs() < 0) {
            throw new MlopsArgumentException("epochs", "must be 0 or more, got " + b.epochs());
        }
        JobArguments.checkParams(b.params());
        if (b.epochs() != null && b.params().containsKey("epochs")) {
            throw new MlopsArgumentException("params", "'epochs' is given both as an argument and in params; give it once");
        }
        JobArguments.checkData(b.data());
        JobArguments.checkEnv(b.env());
        JobArguments.checkLimits(b.cpus(), b.memoryBytes(), b.shmSizeBytes(), b.gpus());
        JobArguments.checkPidsLimit(b.pidsLimit());
        JobArguments.checkCapAdd(b.capAdd());
        JobArguments.checkTimeout(b.timeout());
        JobArguments.checkNetwork(b.network());
        JobArguments.checkName(b.name());
        JobArguments.requireOutputDir(b.outputDir());
    }
}
