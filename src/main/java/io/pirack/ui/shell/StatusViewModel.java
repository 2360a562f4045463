package io.pirack.ui.shell;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.RackFrame;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The status bar and the API banner: cluster source, connection state with its age, counts. */
public final class StatusViewModel {

    public enum ApiLook { CONNECTED, CONNECTING, RECONNECTING, UNREACHABLE }

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
        String age = TimeText.age(java.time.Duration.between(status.since(), frame.now()));
        if (status instanceof ApiStatus.Connected) {
            apiLook.set(ApiLook.CONNECTED);
            api.set("✔ API connected");
            apiBanner.set("");
        } else if (status instanceof ApiStatus.Connecting) {
            apiLook.set(ApiLook.CONNECTING);
            api.set("… connecting to the API (" + age + ")");
            apiBanner.set("");
        } else if (status instanceof ApiStatus.Reconnecting r) {
            apiLook.set(ApiLook.RECONNECTING);
            api.set("⟳ reconnecting since " + TimeText.clock(r.since()));
            apiBanner.set("Lost the watch on the API server " + age + " ago (" + r.reason()
                    + "). Reconnecting — LEDs show “unknown” until it is back.");
        } else {
            ApiStatus.Unreachable u = (ApiStatus.Unreachable) status;
            apiLook.set(ApiLook.UNREACHABLE);
            api.set("✖ API unreachable since " + TimeText.clock(u.since()));
            apiBanner.set("API server unreachable since " + TimeText.clock(u.since()) + " (" + age + ", " + u.reason()
                    + "). Kubernetes LEDs show “unknown”; link LEDs keep working.");
        }
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
