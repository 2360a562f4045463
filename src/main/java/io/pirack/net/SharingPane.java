package io.pirack.net;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The {@code open-sharing-pane} action: opens macOS's Sharing settings where Internet Sharing lives. */
public final class SharingPane {

    /** System Settings (macOS 13 and later). */
    static final String SETTINGS_URL = "x-apple.systempreferences:com.apple.Sharing-Settings.extension";
    /** System Preferences (macOS 12 and earlier). */
    static final String PREFERENCES_URL = "x-apple.systempreferences:com.apple.preferences.sharing?Internet";

    private SharingPane() {
    }

    static String url(int macOsMajor) {
        return macOsMajor >= 13 ? SETTINGS_URL : PREFERENCES_URL;
    }

    /** @param macOsMajor from {@code sw_vers} (0 when unknown: the newer pane) */
    public static ProcessResult open(ProcessRunner runner, int macOsMajor) throws IOException {
        return runner.run(List.of("open", url(macOsMajor == 0 ? 13 : macOsMajor)), Duration.ofSeconds(10));
    }
}
