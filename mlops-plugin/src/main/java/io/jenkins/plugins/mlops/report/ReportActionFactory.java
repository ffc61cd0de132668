package io.jenkins.plugins.mlops.report;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Gives every build on which an ML step recorded something its one {@link MlopsReportAction}. Transient (derived
 * from the step records, not stored), so older builds get the report too and build.xml keeps only the records.
 */
@Extension
@SuppressWarnings("rawtypes")
public final class ReportActionFactory extends TransientActionFactory<Run> {

    @Override
    public Class<Run> type() {
        return Run.class;
    }

    /** Jenkins asks this factory only when a caller looks for report actions, never for the step records. */
    @Override
    public Class<? extends Action> actionType() {
        return MlopsReportAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Run target) {
        return BuildReports.hasRecords(target) ? List.of(new MlopsReportAction(target)) : List.of();
    }
}
