package io.jenkins.plugins.mlops.testing.context;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;

/** A build with a number and nothing else, for handing to a step through {@link TestStepContext}. */
public final class TestRun extends Run<TestRun.TestJob, TestRun> {

    public TestRun(int number) {
        super(null, System.currentTimeMillis());
        this.number = number;
    }

    /** Only a type argument: no test needs the job itself. */
    public abstract static class TestJob extends Job<TestJob, TestRun> {
        protected TestJob(ItemGroup parent, String name) {
            super(parent, name);
        }
    }
}
