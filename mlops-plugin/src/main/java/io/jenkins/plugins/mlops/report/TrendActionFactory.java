package io.jenkins.plugins.mlops.report;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Gives every job whose recent builds ran ML steps its {@link MlopsTrendAction}; derived, never stored. */
@Extension
@SuppressWarnings("rawtypes")
public final class TrendActionFactory extends TransientActionFactory<Job> {

    /** How many of the newest builds are looked at to decide whether the job runs ML steps at all. */
    static final int LOOK_BACK = 10;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return MlopsTrendAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return BuildTrends.hasRecords(target, LOOK_BACK) ? List.of(new MlopsTrendAction(target)) : List.of();
    }
}
