package io.pirack.ui.shell;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ApiStatusText;
import io.pirack.core.rack.RackFrame;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The status bar and the API banner: cluster source, connection state with its age, counts. The
 * banner appears only for an outage or a start slower than {@link ApiStatusText#CONNECTING_ALARM_AFTER};
 * a watch re-sync is a discreet "re-syncing" in the status bar.
 */
public final class StatusViewModel {

    /** CONNECTING and RESYNCING are calm (no alarm colour); only UNREACHABLE is an alarm. */
    public enum ApiLook { CONNECTED, CONNECTING, RESYNCING, UNREACHABLE }

    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper api = new ReadOnlyStringWrapper("starting…");
    private final ReadOnlyObjectWrapper<ApiLook> apiLook = new ReadOnlyObjectWrapper<>(ApiLook.CONNECTING);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper apiBanner = new ReadOnlyStringWrapper("");
    /** A message for the presenter (settings moved aside, connection failed); empty when none. */
    private final StringProperty notice = new SimpleStringProperty("");

    public void show(RackFrame frame) {
        ClusterSnapshot s = frame.cluster();
        source.set(s.source());
        ApiStatus status = s.api();
        apiLook.set(switch (ApiStatusText.look(status, frame.now())) {
            case CONNECTED -> ApiLook.CONNECTED;
            case CONNECTING -> ApiLook.CONNECTING;
            case RESYNCING -> ApiLook.RESYNCING;
            case UNREACHABLE -> ApiLook.UNREACHABLE;
        });
        api.set(ApiStatusText.statusBar(status, frame.now()));
        String banner = ApiStatusText.banner(status, frame.now());
        apiBanner.set(banner == null ? "" : banner);
        long ready = s.readyNodeCount();
        long terminating = s.pods().values().stream().filter(p -> p.terminating()).count();
        counts.set(s.nodes().size() + " nodes (" + ready + " Ready) · " + s.pods().size() + " pods"
                + (terminating > 0 ? " (" + terminating + " terminating)" : ""));
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty apiProperty() {
        return api.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ApiLook> apiLookProperty() {
        return apiLook.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty apiBannerProperty() {
        return apiBanner.getReadOnlyProperty();
    }

    public StringProperty noticeProperty() {
        return notice;
    }
}
