package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.container.job.JobCommand;
import java.util.List;

/**
 * A step's {@code command}, as it was given: text (the shell form, what the form and the step reference hold) or a
 * Jenkinsfile's list (the exec form, taken out of the standard binding by {@link PipelineArguments#list}). The rule
 * for both is the core's ({@link JobCommand}).
 */
public final class CommandArgument {

    private String text;
    private List<Object> words;

    public void setText(String text) {
        this.text = StepArguments.trimToNull(text);
        this.words = null;
    }

    /** A Jenkinsfile's list; null leaves the argument as it is. */
    public void setWords(List<Object> words) {
        if (words != null) {
            this.words = words;
            this.text = null;
        }
    }

    /** What the step's getter shows: the text, or the words written as shell words that mean the same. */
    public String text() {
        return words != null ? FormArguments.shellWords(words.stream().map(String::valueOf).toList()) : text;
    }

    /** The command line to run, or null to keep the image's CMD. */
    public List<String> commandLine(String argument) {
        return JobCommand.of(argument, words != null ? words : text);
    }
}
