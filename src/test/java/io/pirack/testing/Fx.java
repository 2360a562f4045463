package io.pirack.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** The one FX helper of the tests: read or change the scene graph on the FX thread, as the app does. */
public final class Fx {

    private Fx() {
    }

    /** Runs {@code work} on the FX thread and returns its result; fails after 10 s. */
    public static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on the FX thread and waits for it; fails after 10 s. */
    public static void runOnFx(Runnable work) throws Exception {
        WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
