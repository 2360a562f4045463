package io.pirack.ui.tuning;

import io.pirack.core.images.ImageVerdict;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.TolerationPatchPlan;
import io.pirack.core.tuning.TuningChange;
import java.util.List;
import java.util.Optional;

/**
 * What the Tuning screen asks of the cluster it is connected to. Every method blocks (API calls,
 * SSH), so the view model calls them on its background executor only. The app implements it over
 * the current session; tests implement it over the rehearsal rack or by hand.
 */
public interface TuningBackend {

    /** "rehearsal rack (demo-tuned)" or the kubeconfig context. */
    String describe();

    /** The rehearsal rack has no files to edit: control-plane edits are for real clusters only. */
    boolean rehearsal();

    /** The effective failure-detection settings (the preset on the rehearsal rack). */
    EffectiveSettings settings() throws Exception;

    /** Every Deployment the presenter may choose as a demo workload, as "namespace/name". */
    List<String> deployments() throws Exception;

    /** The rack's dead-man delay: a pulled Pi restores itself after this many seconds. */
    int deadManSeconds();

    /** The ones to choose when the presenter has not chosen yet. */
    List<String> suggestedDeployments(List<String> deployments);

    List<DemoWorkload> workloads(List<String> deploymentKeys) throws Exception;

    TolerationPatchPlan prepareTolerations(String deploymentKey, long seconds) throws Exception;

    TolerationPatchPlan prepareTolerationRevert(String deploymentKey) throws Exception;

    void applyTolerations(TolerationPatchPlan plan) throws Exception;

    /** Reads the files a control-plane change touches and computes the edits; nothing changes yet. */
    ControlPlanePlan prepareControlPlane(TuningChange change) throws Exception;

    /** Backs up, writes, restarts; returns what is needed to put each file back. */
    AppliedEdit applyEdit(PreparedEdit edit) throws Exception;

    /** Restores the backup byte for byte; a restart problem, if any. */
    Optional<String> revertEdit(AppliedEdit applied) throws Exception;

    /**
     * PiRack's oldest backup of every file it edits on this distribution, found on the Pis (they
     * survive an app restart), ready to revert: the state before PiRack's first change.
     */
    List<AppliedEdit> findBackups() throws Exception;

    List<String> images(List<String> deploymentKeys) throws Exception;

    /** Per node the demo pods can run on (a tainted control plane is left out), whether each image is there. */
    ImagePresence imagePresence(List<String> deploymentKeys, List<String> images) throws Exception;

    void startPrePull(List<String> images) throws Exception;

    void cleanUpPrePull() throws Exception;

    boolean prePullRunning() throws Exception;

    /** Everything the "Ready for the show" checklist judges. */
    PreflightInputs preflightInputs(List<String> deploymentKeys) throws Exception;

    /**
     * Whether each demo image has a build for every node's platform (asks the registries; offline
     * the last answers stand in, marked stale). Blocking: call off the FX thread.
     */
    List<ImageVerdict> imageArchitectures(List<String> deploymentKeys) throws Exception;

    /** Edits prepared for a control-plane change, and what cannot be done, in words. */
    record ControlPlanePlan(List<PreparedEdit> edits, List<String> notes) {
        public ControlPlanePlan {
            edits = List.copyOf(edits);
            notes = List.copyOf(notes);
        }
    }
}
