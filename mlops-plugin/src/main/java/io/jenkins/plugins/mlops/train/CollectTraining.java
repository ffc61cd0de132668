package io.jenkins.plugins.mlops.train;

import com.github.dockerjava.api.DockerClient;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.report.BuildReport;
import io.jenkins.plugins.mlops.core.report.ReportFiles;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.report.TrainingSection;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.DockerHostCall;
import io.jenkins.plugins.mlops.steps.StepReports;
import io.jenkins.plugins.mlops.steps.WorkspacePaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Once the training container has exited: its result as {@link DockerTrainer#train} would have returned it, with the
 * outputs copied into the workspace where the container was prepared, the run's record ({@code run.json}) and its
 * report ({@code report.html}, what {@code mlops report build --run <outputDir>} writes) beside them, and the
 * learning curves the build keeps. A failed run comes back as an outcome, not an exception, so the controller
 * records it on the build before failing the step.
 */
final class CollectTraining extends DockerHostCall<TrainOnAgent.Outcome> {
    private static final long serialVersionUID = 2L;

    private final TrainingSpec spec;
    private final TaskListener listener;
    private final JobHandle handle;
    private final ContainerRunState ended;
    /** The output directory relative to the workspace, as the report shows paths; null: write no report. */
    private final String outputDir;
    private final ReportHeading heading;

    CollectTraining(TrainingSpec spec, TaskListener listener, Map<String, String> buildEnv, JobHandle handle,
            ContainerRunState ended, String outputDir, ReportHeading heading) {
        super("mlTrain", buildEnv);
        this.spec = spec;
        this.listener = listener;
        this.handle = handle;
        this.ended = ended;
        this.outputDir = outputDir;
        this.heading = heading;
    }

    @Override
    protected TrainOnAgent.Outcome call(DockerClient docker, File workspace) throws InterruptedException {
        TrainingResult result;
        try {
            result = new DockerTrainer(docker).collect(spec, handle, ended,
                    new BuildLogSink(listener.getLogger(), MlTrainExecution.PREFIX));
        } catch (ContainerException e) {
            return TrainOnAgent.Outcome.failure(e.getFailure().name(), e.getMessage(), e.getExitCode());
        }
        Path runDir = Path.of(result.outputDir());
        // The section is read back from the record just written, as mlops report reads it, so the report is the
        // same file; it also carries the learning curves the build keeps (history.csv is read once).
        TrainingSection section = null;
        String problem = null;
        boolean report = false;
        try {
            TrainingRecord.write(result, TrainingRecord.Origin.of(spec));
            section = ReportFiles.training(runDir, outputDir != null ? outputDir : runDir.toString());
            if (outputDir != null && heading != null) {
                BuildReport r = new BuildReport(heading.title(), heading.subtitle(), List.of(section), List.of(),
                        List.of(), List.of());
                ReportFiles.writeBuildReport(runDir.resolve(StepReports.FILE), r, heading);
                report = true;
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        TrainingSection curves = section != null ? section
                : ReportFiles.withHistory(TrainingSection.builder(), runDir).build();
        return TrainOnAgent.Outcome.success(result, WorkspacePaths.relative(workspace, result.modelPath()),
                TrainingAction.Curves.of(curves.curves(), curves.curvesNote()), report, problem);
    }
}
